#!/usr/bin/env python3
"""Checks a screenshot of the HTML report: not blank, and the charts' blue where the charts should be.

Usage: pngcheck.py PNG [--min-colors N] [--min-chart-pixels N] [--min-width SHARE] [--min-height PIXELS] [--columns N]

The charts' pixels are those of the series color. They must number at least --min-chart-pixels, span at least
--min-width of the page's width and --min-height pixels down it, and, with --columns N, stand in N
columns side by side, with an empty strip at least 20 pixels wide between neighbours.
Reads the PNG with zlib alone (no Pillow): 8-bit RGB or RGBA, not interlaced, as Chromium writes them.
Prints one line of figures; exits 1 when a check fails.
"""
import struct
import sys
import zlib

SERIES = (0x25, 0x63, 0xEB)  # SVGChart.seriesColor, used by nothing else on the page but the legend


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, color type {color}, interlace {interlace})")
    channels = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    import argparse

    options = argparse.ArgumentParser(description="Checks a screenshot of the HTML report.")
    options.add_argument("png")
    options.add_argument("--min-colors", type=int, default=0)
    options.add_argument("--min-chart-pixels", type=int, default=0)
    options.add_argument("--min-width", type=float, default=0)
    options.add_argument("--min-height", type=int, default=0)
    options.add_argument("--columns", type=int, default=0)
    args = options.parse_args()
    width, height, channels, rows = read_png(args.png)
    colors = set()
    chart_xs = []
    top, bottom = height, -1
    for y, row in enumerate(rows):
        for x in range(0, width * channels, channels):
            pixel = row[x:x + 3]
            if len(colors) < 100_000:
                colors.add(pixel)
            if abs(pixel[0] - SERIES[0]) < 24 and abs(pixel[1] - SERIES[1]) < 24 and abs(pixel[2] - SERIES[2]) < 24:
                chart_xs.append(x // channels)
                top, bottom = min(top, y), max(bottom, y)
    chart = len(chart_xs)
    left, right = (min(chart_xs), max(chart_xs)) if chart else (0, -1)
    box_width = (right - left + 1) / width
    box_height = bottom - top + 1 if chart else 0
    failures = []
    if len(colors) < args.min_colors:
        failures.append(f"only {len(colors)} colors (blank page?)")
    if chart < args.min_chart_pixels:
        failures.append(f"only {chart} chart pixels, expected {args.min_chart_pixels}")
    if box_width < args.min_width or box_height < args.min_height:
        failures.append(f"charts span {box_width:.0%} of the width and {box_height} px down, expected at least "
                        f"{args.min_width:.0%} and {args.min_height} px")
    gaps = ""
    if args.columns > 1 and chart:
        # Charts side by side leave a strip with none of the series color between them, where one wide chart has
        # its line running through: look for a 20-pixel empty strip near each boundary between columns.
        counts = [0] * (right - left + 1)
        for x in chart_xs:
            counts[x - left] += 1
        span = right - left + 1
        found = []
        for k in range(1, args.columns):
            middle = k * span // args.columns
            window = range(max(0, middle - span // 6), min(span, middle + span // 6))
            run, best = 0, 0
            for i in window:
                run = run + 1 if counts[i] == 0 else 0
                best = max(best, run)
            found.append(best)
        gaps = f", empty strips between columns {found} px"
        if min(found) < 20:
            failures.append(f"expected {args.columns} columns of charts, found no gap between them")
    print(f"{args.png}: {width}x{height}, {len(colors)} colors, {chart} chart pixels in x {left}-{right}, y {top}-{bottom} "
          f"({box_width:.0%} wide, {box_height} px){gaps}: {'FAIL: ' + '; '.join(failures) if failures else 'ok'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
