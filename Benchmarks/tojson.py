#!/usr/bin/env python3
"""The benchmark's CSV series as a JSON snapshot file: an array of flat snapshot objects, one per line.

    python3 Benchmarks/tojson.py INPUT.csv OUTPUT.json

Each value is copied as the CSV writes it (numbers as their digits, the time as a string), so the JSON file holds
exactly the CSV's numbers and every tool reading either file must give the same answers. The bytes depend only on the
input's, so `run` knows their sha256 as it knows the CSV's.
"""

import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tojson.py INPUT.csv OUTPUT.json")
    with open(sys.argv[1], encoding="ascii", newline="\n") as source, open(
        sys.argv[2], "w", encoding="ascii", newline="\n"
    ) as out:
        names = source.readline().rstrip("\n").split(",")
        keys = [f'"{name}":' for name in names]
        out.write("[\n")
        first = True
        batch = []
        for line in source:
            cells = line.rstrip("\n").split(",")
            # the first column is the time, a string; the others are numbers as written
            body = keys[0] + '"' + cells[0] + '"' + "".join("," + k + c for k, c in zip(keys[1:], cells[1:]))
            batch.append(("" if first else ",\n") + "{" + body + "}")
            first = False
            if len(batch) >= 100_000:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))
        out.write("\n]\n")


if __name__ == "__main__":
    main()
