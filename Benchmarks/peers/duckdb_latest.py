#!/usr/bin/env python3
"""What scalectl's judging commands compute from a series, as one DuckDB query: each metric's latest known value
(the last non-null value by timestamp, as `CurrentValues` takes it) and its summary (count, min, mean, max).

    python3 Benchmarks/peers/duckdb_latest.py FILE.csv
    python3 Benchmarks/peers/duckdb_latest.py FILE.json    (an array of snapshot objects: read_json)

The peer the commands table compares `stage`, `check`, `cost`, `advise`, `review`, `report` and `diff` with.
"""

import json
import sys

import duckdb

from metrics import METRICS  # noqa: E402 (beside this script)


def main():
    path = sys.argv[1]
    parts = ["max(timestamp)"]
    for col, _ in METRICS:
        parts += [
            f"arg_max({col}, timestamp) FILTER (WHERE {col} IS NOT NULL)::DOUBLE",
            f"count({col})",
            f"min({col})::DOUBLE",
            f"avg({col})::DOUBLE",
            f"max({col})::DOUBLE",
        ]
    reader = "read_json(?, format = 'array')" if path.endswith(".json") else "read_csv(?)"
    row = duckdb.connect().execute(f"SELECT {', '.join(parts)} FROM {reader}", [path]).fetchone()
    latest, summary = {}, {}
    for k, (col, _) in enumerate(METRICS):
        value, count, lo, mean, hi = row[1 + 5 * k : 6 + 5 * k]
        latest[col] = value
        summary[col] = {"count": count, "min": lo, "mean": mean, "max": hi}
    json.dump({"tool": f"duckdb {duckdb.__version__}", "latest_time": str(row[0]), "latest": latest, "summary": summary},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
