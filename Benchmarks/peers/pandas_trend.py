#!/usr/bin/env python3
"""The trend aggregates scalectl computes, with pandas and numpy, printed in scalectl's JSON shape.

    python3 Benchmarks/peers/pandas_trend.py FILE.csv

Per metric column: count, min, mean, quantile(0.95) (linear interpolation, pandas' default), max, the value at
the greatest timestamp, and the least-squares fit of y on x = days since the first timestamp, y = ln(value)
for counts ("compound") and the value itself for latency and error rate ("linear"), centred sums in numpy.
"""

import json
import sys

import numpy as np
import pandas as pd

from metrics import METRICS  # noqa: E402 (beside this script)


def main():
    df = pd.read_csv(sys.argv[1], parse_dates=["timestamp"])
    ts = df["timestamp"]
    x_all = ((ts - ts.min()).dt.total_seconds() / 86400.0).to_numpy()
    last = ts.idxmax()
    metrics = []
    for col, model in METRICS:
        s = df[col]
        v = s.to_numpy(dtype=np.float64)
        ok = ~np.isnan(v)
        x = x_all[ok]
        y = np.log(v[ok]) if model == "compound" else v[ok]
        xc = x - x.mean()
        yc = y - y.mean()
        sxx = float(np.dot(xc, xc))
        syy = float(np.dot(yc, yc))
        sxy = float(np.dot(xc, yc))
        slope = sxy / sxx
        r2 = 1.0 if syy == 0 else sxy * sxy / (sxx * syy)
        count = int(s.count())
        metrics.append({
            "field": col,
            "model": model,
            "points": count,
            "summary": {
                "count": count,
                "min": float(s.min()),
                "mean": float(s.mean()),
                "p95": float(s.quantile(0.95)),
                "max": float(s.max()),
                "latest": float(s[last]),
            },
            "fit": {
                "points": int(ok.sum()),
                "slope_per_day": slope,
                "intercept": float(y.mean() - slope * x.mean()),
                "r_squared": r2,
            },
        })
    json.dump({"tool": f"pandas {pd.__version__}", "metrics": metrics}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
