#!/usr/bin/env python3
"""Shrinks a screenshot for the README: at most 256 colors (a palette PNG), the most frequent kept exactly.

Usage: pngshrink.py PNG [OUT]. Screenshots of text have few colors besides anti-aliasing, so this costs little.
"""
import struct
import sys
import zlib
from collections import Counter

from pngcheck import read_png


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def main():
    source = sys.argv[1]
    target = sys.argv[2] if len(sys.argv) > 2 else source
    width, height, channels, rows = read_png(source)
    pixels = [[row[x:x + 3] for x in range(0, width * channels, channels)] for row in rows]
    counts = Counter(pixel for row in pixels for pixel in row)
    palette = [color for color, _ in counts.most_common(256)]
    index = {color: i for i, color in enumerate(palette)}

    def nearest(color):
        return min(range(len(palette)), key=lambda i: sum((a - b) ** 2 for a, b in zip(color, palette[i])))

    for color in counts:
        if color not in index:
            index[color] = nearest(color)
    raw = b"".join(b"\x00" + bytes(index[pixel] for pixel in row) for row in pixels)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
    png += chunk(b"PLTE", b"".join(palette)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(target, "wb").write(png)
    print(f"{target}: {len(counts)} colors to {len(palette)}, {len(png)} bytes")


main()
