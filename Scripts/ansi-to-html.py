#!/usr/bin/env python3
"""Turns terminal output with ANSI colors (SGR 0, 1, 2, 22, 31-37, 39) into an HTML <pre> page for a screenshot.

Usage: ansi-to-html.py IN OUT; prints the number of rows shown, long lines wrapping at 136 columns as a terminal would.
"""
import html
import re
import sys

COLORS = {31: "#f87171", 32: "#4ade80", 33: "#facc15", 34: "#60a5fa", 35: "#c084fc", 36: "#22d3ee", 37: "#e5e7eb"}
text = open(sys.argv[1], encoding="utf-8").read()
out, bold, dim, color = [], False, False, None
for part in re.split(r"(\x1b\[[0-9;]*m)", text):
    match = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
    if match:
        for code in [int(c or 0) for c in match.group(1).split(";")]:
            if code == 0:
                bold, dim, color = False, False, None
            elif code == 1:
                bold = True
            elif code == 2:
                dim = True
            elif code == 22:
                bold = dim = False
            elif code == 39:
                color = None
            elif code in COLORS:
                color = COLORS[code]
        continue
    if not part:
        continue
    style = []
    if color:
        style.append(f"color:{color}")
    if bold:
        style.append("font-weight:bold")
    if dim:
        style.append("opacity:0.6")
    escaped = html.escape(part)
    out.append(f'<span style="{";".join(style)}">{escaped}</span>' if style else escaped)
page = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"/>'
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>"
    "<style>body{margin:0;background:#1e1e2e;}pre{margin:0;padding:20px;color:#e5e7eb;"
    "font:14px/19px 'DejaVu Sans Mono',monospace;white-space:pre-wrap;width:136ch;}</style></head><body><pre>"
    + "".join(out)
    + "</pre></body></html>"
)
open(sys.argv[2], "w", encoding="utf-8").write(page)
plain = re.sub(r"\x1b\[[0-9;]*m", "", text).rstrip("\n").split("\n")
print(sum(max(1, -(-len(line) // 136)) for line in plain))
