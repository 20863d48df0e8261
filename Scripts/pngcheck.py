#!/usr/bin/env python3
"""Checks a screenshot of the HTML report: not blank, and the charts' blue where the charts should be.

Usage: pngcheck.py PNG MIN_COLORS MIN_CHART_WIDTH_SHARE MIN_CHART_HEIGHT_SHARE [MIN_CHART_PIXELS]
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
    path = sys.argv[1]
    min_colors, min_width_share, min_height_share = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    min_chart_pixels = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    width, height, channels, rows = read_png(path)
    colors = set()
    chart = 0
    left, right, top, bottom = width, -1, height, -1
    for y, row in enumerate(rows):
        for x in range(0, width * channels, channels):
            pixel = row[x:x + 3]
            if len(colors) < 100_000:
                colors.add(pixel)
            if abs(pixel[0] - SERIES[0]) < 24 and abs(pixel[1] - SERIES[1]) < 24 and abs(pixel[2] - SERIES[2]) < 24:
                chart += 1
                px = x // channels
                left, right, top, bottom = min(left, px), max(right, px), min(top, y), max(bottom, y)
    box_width = (right - left + 1) / width if chart else 0
    box_height = (bottom - top + 1) / height if chart else 0
    failures = []
    if len(colors) < min_colors:
        failures.append(f"only {len(colors)} colors (blank page?)")
    if chart < min_chart_pixels:
        failures.append(f"only {chart} chart pixels")
    if box_width < min_width_share or box_height < min_height_share:
        failures.append(f"charts cover {box_width:.0%} x {box_height:.0%} of the page, expected at least "
                        f"{min_width_share:.0%} x {min_height_share:.0%}")
    print(f"{path}: {width}x{height}, {len(colors)} colors, {chart} chart pixels in x {left}-{right}, y {top}-{bottom} "
          f"({box_width:.0%} x {box_height:.0%}): {'FAIL: ' + '; '.join(failures) if failures else 'ok'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
