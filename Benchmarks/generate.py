#!/usr/bin/env python3
"""Deterministic benchmark data for scalectl: a metric series in the canonical column names.

    python3 Benchmarks/generate.py ROWS OUTPUT.csv

The bytes depend only on ROWS: the noise comes from SplitMix64 (written out below, not `random` or numpy,
whose streams may change between versions) and every value is integer arithmetic, or IEEE double
multiplication, which is correctly rounded everywhere. A file of N rows is the first N rows of any longer one.

Columns: timestamp (ISO-8601 UTC, from 2025-01-01T00:00:00Z, one row every 6 seconds, so 5M rows span
~347 days), users (compound growth from 1,000 to ~200,000 over 5M rows, +-0.5 % noise), daily_active_users
(10-20 % of users), requests_per_month (~30 per user, growing), response_p95_ms (one decimal, 120.0-600.0,
drifting up), error_rate (five decimals, 0.00050-0.01500, drifting up), db_connections (5-95).
"""

import sys

MASK = (1 << 64) - 1
STEP = 6                      # seconds between rows
ROWS_PER_DAY = 86400 // STEP  # 14,400
GROWTH_PER_ROW = 1.0000010597  # (1 + 1.0597e-6) ** 5e6 ~= 200: 1,000 -> ~200,000 users over 5M rows
SCALE = 5_000_000             # rows over which the drifts below run their course


def civil_from_days(z):
    """Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm)."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y, m, d)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate.py ROWS OUTPUT.csv")
    rows = int(sys.argv[1])
    out_path = sys.argv[2]
    first_day = 20089  # 2025-01-01 in days since the epoch
    times = [f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z," for s in range(0, 86400, STEP)]

    state = 0x5CA1EC71  # SplitMix64 seed
    u = 1000.0
    with open(out_path, "w", encoding="ascii", newline="\n") as out:
        out.write("timestamp,users,daily_active_users,requests_per_month,response_p95_ms,error_rate,db_connections\n")
        write = out.write
        done = 0
        day = first_day
        while done < rows:
            y, m, d = civil_from_days(day)
            date = f"{y:04d}-{m:02d}-{d:02d}"
            n = min(ROWS_PER_DAY, rows - done)
            lines = []
            append = lines.append
            for k in range(n):
                i = done + k
                # SplitMix64, one 64-bit draw per row, cut into fields
                state = (state + 0x9E3779B97F4A7C15) & MASK
                z = state
                z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
                z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
                r = z ^ (z >> 31)
                n1 = r & 0xFFFF
                n2 = (r >> 16) & 0xFFFF
                n3 = (r >> 32) & 0xFFF
                n4 = (r >> 44) & 0x3FF
                n5 = (r >> 54) & 0x3FF

                users = int(u + u * ((n1 - 32768) * 1.52587890625e-07))  # +-0.5 %
                dau = users * (100 + n2 % 101) // 1000                     # 10-20 %
                requests = users * 30 + n3 * 7
                p95 = 1200 + i * 2400 // SCALE + n4 * 2400 // 1023           # tenths of ms, 120.0-600.0
                err = 50 + i * 1000 // SCALE + n5 * 450 // 1023                # hundred-thousandths, 0.0005-0.015
                db = 5 + users * 70 // 200000 + (n1 * 13 + n2) % 21
                if db > 95:
                    db = 95
                append(f"{date}{times[k]}{users},{dau},{requests},{p95 // 10}.{p95 % 10},0.{err:05d},{db}\n")
                u *= GROWTH_PER_ROW
            write("".join(lines))
            done += n
            day += 1


if __name__ == "__main__":
    main()
