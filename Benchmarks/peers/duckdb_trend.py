#!/usr/bin/env python3
"""The trend aggregates scalectl computes, as one DuckDB query (Python API), printed in scalectl's JSON shape.

    python3 Benchmarks/peers/duckdb_trend.py FILE.csv

Per metric column: count, min, avg, quantile_cont(0.95), max, the value at the greatest timestamp, and the
least-squares fit of y on x = days since the first timestamp, y = ln(value) for counts ("compound") and the
value itself for latency and error rate ("linear"). The file is read once: the regression runs on x in epoch
seconds (whole numbers, exact in a double; dividing them by 86,400 first would round each x to ~1e-12 days and
cost the slope seven digits on a short series), regr_slope and regr_r2 do not depend on where x starts, and the
intercept at the first timestamp is avg(y) - slope * (avg(x) - min(x)).
"""

import json
import sys

import duckdb

from metrics import METRICS  # noqa: E402 (beside this script)


def main():
    path = sys.argv[1]
    x = "epoch(timestamp)"
    parts = [f"min({x})", f"avg({x})"]
    for col, model in METRICS:
        y = f"ln({col})" if model == "compound" else col
        parts += [
            f"count({col})",
            f"min({col})::DOUBLE",
            f"avg({col})::DOUBLE",
            f"quantile_cont({col}, 0.95)::DOUBLE",
            f"max({col})::DOUBLE",
            f"arg_max({col}, timestamp)::DOUBLE",
            f"regr_count({y}, {x})",
            f"regr_slope({y}, {x})",
            f"avg({y})",
            f"regr_r2({y}, {x})",
        ]
    query = f"SELECT {', '.join(parts)} FROM read_csv(?)"
    row = duckdb.connect().execute(query, [path]).fetchone()
    x_min, x_avg = row[0], row[1]
    metrics = []
    for k, (col, model) in enumerate(METRICS):
        count, lo, mean, p95, hi, latest, points, slope, y_avg, r2 = row[2 + 10 * k : 12 + 10 * k]
        metrics.append({
            "field": col,
            "model": model,
            "points": count,
            "summary": {"count": count, "min": lo, "mean": mean, "p95": p95, "max": hi, "latest": latest},
            "fit": {
                "points": points,
                "slope_per_day": slope * 86400.0,
                "intercept": y_avg - slope * (x_avg - x_min),
                "r_squared": r2,
            },
        })
    json.dump({"tool": f"duckdb {duckdb.__version__}", "metrics": metrics}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
