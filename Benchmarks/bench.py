#!/usr/bin/env python3
"""The measuring half of Benchmarks/run: times scalectl against its peers in alternating rounds, checks that the
numbers agree, prints the tables and the targets, and writes them as Markdown.

Benchmarks/run installs the peers, generates the data and builds scalectl, then calls this; run it on its own
only with those in place (see --help).

How it measures: every command is started with posix_spawn and reaped with wait4, so the wall time
(perf_counter around spawn..reap, process start-up included: that is what a user pays) and the peak RSS
(ru_maxrss of that one child) belong to that one process and nothing else. One catch: Linux counts the
spawning process's memory (this Python, ~20 MB) into the child's ru_maxrss as it was at exec, so ru_maxrss
is never below that floor; a tool that stays under it (cat, jq, a start-up) gets its peak RSS from one extra,
untimed run under GNU time instead, whose own floor is ~1 MB, marked with *. The tools take turns: round r runs
each tool once, starting at a different tool each round, so a noisy moment on the machine hits all of them
alike. One untimed warm-up round comes first (except for miller: at ~45 s a run on 5M rows it costs too much).
Every run writes its output to the same file (so writing it is part of the cost); the last one is compared.
"""

import argparse
import json
import shutil
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time

MB = 1e6  # MB here is 10^6 bytes, for throughput and RSS alike

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
from metrics import METRICS  # noqa: E402 (the peers' own list)
SUMMARY_KEYS = ["count", "min", "mean", "p95", "max", "latest"]
FIT_KEYS = ["points", "slope_per_day", "intercept", "r_squared"]
MILLER_KEYS = ["count", "min", "mean", "p95", "max"]
TIGHT = 1e-9   # scalectl, duckdb and pandas: same definitions, double arithmetic, different summation orders
LOOSE = 1e-6   # miller: its own float formatting and naive sums; only what stats1 computes (no latest, no fit)


# ---------------------------------------------------------------------------------------------- running

class Run:
    def __init__(self, wall, maxrss_kb, cpu, code, timed_out):
        self.wall, self.maxrss_kb, self.cpu, self.code, self.timed_out = wall, maxrss_kb, cpu, code, timed_out

    @property
    def ok(self):
        return self.code == 0 and not self.timed_out


def run_once(argv, stdout_path, timeout):
    """Spawns argv with stdout to stdout_path (or /dev/null), stderr to stdout_path + '.err', reaps it with wait4."""
    out_fd = os.open(stdout_path or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err_fd = os.open((stdout_path + ".err") if stdout_path else os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    timed_out = []
    try:
        actions = [(os.POSIX_SPAWN_DUP2, out_fd, 1), (os.POSIX_SPAWN_DUP2, err_fd, 2)]
        t0 = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)

        def kill():
            timed_out.append(True)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(pid, 0)
        t1 = time.perf_counter()
        if timer:
            timer.cancel()
    finally:
        os.close(out_fd)
        os.close(err_fd)
    code = os.waitstatus_to_exitcode(status)
    return Run(t1 - t0, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, code, bool(timed_out))


FLOOR_KB = 0  # ru_maxrss of a spawned `true`: the harness's own floor (it grows a little as the harness runs)


def gnu_time_rss(argv):
    """Peak RSS in KB of one run under GNU time (/usr/bin/time -f %M), or None without it."""
    if not os.path.exists("/usr/bin/time"):
        return None
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        return int(r.stderr.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


class Tool:
    def __init__(self, name, argv, runs, out_path, warmup=True, answers=(0,)):
        self.name, self.argv, self.runs, self.out_path, self.warmup = name, argv, runs, out_path, warmup
        self.answers = answers  # exit statuses that are answers, not failures (check and diff: 1 is "breached")
        self.results = []
        self.failure = None  # text when the tool failed or timed out; no more runs after that
        self.small_rss_kb = None

    def record(self, run, warmup):
        if run.timed_out or run.code not in self.answers:
            what = f"timed out after {run.wall:.0f} s" if run.timed_out else f"exit status {run.code}"
            err = ""
            if self.out_path and os.path.exists(self.out_path + ".err"):
                with open(self.out_path + ".err", errors="replace") as f:
                    err = f.read().strip().splitlines()
                err = (": " + err[-1][:200]) if err else ""
            self.failure = what + err
        elif not warmup:
            self.results.append(run)

    def wall(self):
        return statistics.median(r.wall for r in self.results) if self.results else None

    def rss_mb(self):
        if not self.results:
            return None
        kb = max(r.maxrss_kb for r in self.results)
        global FLOOR_KB
        if self.small_rss_kb is None:
            FLOOR_KB = max(FLOOR_KB, run_once(["true"], None, 10).maxrss_kb)
            self.small_rss_kb = (gnu_time_rss(self.argv) or -1) if kb <= FLOOR_KB * 1.1 else -1
        if self.small_rss_kb > 0:
            return self.small_rss_kb * 1024 / MB
        return kb * 1024 / MB

    def rss_text(self):
        r = self.rss_mb()
        return fmt(r, ",.1f") + ("*" if self.small_rss_kb and self.small_rss_kb > 0 else "")

    def cores(self):
        return statistics.median(r.cpu / r.wall for r in self.results) if self.results else None


def alternate(tools, rounds, timeout, label):
    """One warm-up round, then `rounds` rounds; round r starts at tool r mod n. Tools stop after their own runs."""
    for t in tools:
        if t.warmup:
            t.record(run_once(t.argv, t.out_path, timeout), warmup=True)
    for r in range(rounds):
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for t in order:
            if t.failure is None and len(t.results) < t.runs:
                t.record(run_once(t.argv, t.out_path, timeout), warmup=False)
        sys.stderr.write(f"  {label}: round {r + 1}/{rounds} done\n")
        sys.stderr.flush()


# ---------------------------------------------------------------------------------------------- comparing

def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-300)


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f), None
    except (OSError, ValueError) as e:
        return None, f"cannot read its JSON output ({e.__class__.__name__}: {str(e)[:120]})"


def trend_numbers(doc, who):
    """{(field, section, key): value} from scalectl's JSON shape; metrics at the top or under "trend"."""
    if doc is None:
        return None, [f"{who}: no output"]
    metrics = doc.get("metrics")
    if metrics is None and isinstance(doc.get("trend"), dict):
        metrics = doc["trend"].get("metrics")
    if not isinstance(metrics, list):
        return None, [f"{who} output has no metrics"]
    by_field = {m.get("field"): m for m in metrics if isinstance(m, dict)}
    numbers, problems = {}, []
    for field, _ in METRICS:
        m = by_field.get(field)
        if m is None:
            problems.append(f"{who} output has no metric {field}")
            continue
        summary, fit = m.get("summary"), m.get("fit")
        if not isinstance(summary, dict):
            problems.append(f"{who} output lacks summary ({field})")
        else:
            for k in SUMMARY_KEYS:
                numbers[(field, "summary", k)] = summary.get(k)
        if not isinstance(fit, dict):
            problems.append(f"{who} output lacks fit ({field})")
        else:
            for k in FIT_KEYS:
                numbers[(field, "fit", k)] = fit.get(k)
    return numbers, problems


def miller_numbers(doc):
    if not isinstance(doc, list) or not doc or not isinstance(doc[0], dict):
        return None, ["miller: unexpected output"]
    rec = doc[0]
    return {(f, "summary", k): rec.get(f"{f}_{k}") for f, _ in METRICS for k in MILLER_KEYS}, []


def compare(a, b, tol, keys=None):
    """Returns (count compared, list of mismatch texts)."""
    keys = keys if keys is not None else sorted(set(a) | set(b))
    bad = []
    for key in keys:
        x, y = a.get(key), b.get(key)
        if x is None or y is None or not close(x, y, tol):
            bad.append(f"{key[0]}.{key[1]}.{key[2]}: {x!r} vs {y!r}")
    return len(keys), bad


# ---------------------------------------------------------------------------------------------- describing

def count_rows(path):
    """Data rows: lines after the header (the generator writes no quoted newlines)."""
    n = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            n += chunk.count(b"\n")
    return n - 1


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    mem = sh("awk '/MemTotal/ {printf \"%.1f GB\", $2/1048576}' /proc/meminfo")
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} logical CPUs (nproc {sh('nproc')})"),
        ("Memory", mem),
        ("Kernel", platform.platform()),
        ("Swift", sh("swift --version 2>&1 | head -1")),
        ("Python", platform.python_version()),
        ("duckdb", sh("python3 -c 'import duckdb; print(duckdb.__version__)'")),
        ("pandas / numpy", sh("python3 -c 'import pandas, numpy; print(pandas.__version__, \"/\", numpy.__version__)'")),
        ("miller", sh("mlr --version")),
        ("jq", sh("jq --version")),
        ("hyperfine", sh("hyperfine --version")),
        ("cat", sh("cat --version | head -1")),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
    ]


# ---------------------------------------------------------------------------------------------- tables

def fmt(x, spec, none="—"):
    return none if x is None else format(x, spec)


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    text = [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]
    md = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"]
    md += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(text), "\n".join(md)


COMMANDS = [
    ("trend", ["trend", "FILE", "--format", "json"]),
    ("stage", ["stage", "FILE"]),
    ("check", ["check", "FILE", "--format", "json"]),
    ("cost", ["cost", "FILE"]),
    ("advise", ["advise", "FILE", "--format", "json"]),
    ("review", ["review", "FILE"]),
    ("report", ["report", "FILE"]),
    ("diff (file against itself)", ["diff", "FILE", "FILE"]),
]


def commands_table(args, size, say, kind="csv"):
    """Every command on one file side by side with trend and with DuckDB computing the equivalent (latest known values
    and per-metric summaries); checks the latest known values `advise` reports against DuckDB's. `kind` is the file's
    format: `csv`, or `json` (the same series as an array of snapshot objects)."""
    path = os.path.join(args.data, f"trend-{size}.{kind}")
    label = f"{size}" if kind == "csv" else f"{size} JSON"
    rows = count_rows(path) - (1 if kind == "json" else 0)  # JSON: "[" and "]" lines, no header
    here = os.path.dirname(os.path.abspath(__file__))
    tools = []
    for name, argv in COMMANDS:
        out = os.path.join(args.data, f"out-{size}-{kind}-cmd-{name.split()[0]}.txt")
        tools.append(Tool(name, [args.scalectl] + [path if a == "FILE" else a for a in argv] + ["--no-policy"]
                          if argv[0] != "trend" else [args.scalectl] + [path if a == "FILE" else a for a in argv],
                          args.command_runs, out, answers=(0, 1) if argv[0] in ("check", "diff") else (0,)))
    duck_out = os.path.join(args.data, f"out-{size}-{kind}-duckdb-latest.json")
    tools.append(Tool("duckdb", [sys.executable, os.path.join(here, "peers", "duckdb_latest.py"), path], args.command_runs,
                      duck_out))
    sys.stderr.write(f"{label}: commands\n")
    run_once(["cat", path], None, args.timeout)
    alternate(tools, args.command_runs, args.timeout, f"{label} commands")
    by = {t.name: t for t in tools}
    trend = by["trend"]
    duck = by["duckdb"]
    what = "" if kind == "csv" else f", JSON ({os.path.getsize(path) / MB:.0f} MB: an array of snapshot objects)"
    say(f"## every command, {size} rows ({rows:,} rows){what}, {args.command_runs} alternating rounds",
        f"## every command, {size} rows ({rows:,} rows){what}, {args.command_runs} alternating rounds")
    say()
    rows_t = []
    for t in tools:
        w, r = t.wall(), t.rss_mb()
        pairs = 2 if t.name.startswith("diff") else 1
        rows_t.append([t.name, fmt(w, ".3f"), fmt(r, ".0f"),
                       fmt(w / (trend.wall() * pairs) if (w and trend.wall()) else None, ".2f"),
                       fmt(r / (trend.rss_mb() * pairs) if (r and trend.rss_mb()) else None, ".2f"),
                       fmt(w / (duck.wall() * pairs) if (w and duck.wall()) else None, ".2f"),
                       "" if t.failure is None else f"failed: {t.failure}"])
    t_, m_ = table(["command", "wall median (s)", "peak RSS (MB)", "wall / trend", "RSS / trend", "wall / duckdb", ""],
                   rows_t)
    say(t_, m_)
    say("  diff reads two files: its ratios are against two trends (two duckdb runs)",
        "- diff reads two files: its ratios are against two trends (two duckdb runs)")
    ok = all(t.failure is None for t in tools if t.name != "duckdb")
    # agreement: advise's latest known values against DuckDB's last non-null value per column
    try:
        with open(by["advise"].out_path) as f:
            advice = json.load(f)
        with open(duck_out) as f:
            duck_doc = json.load(f)
        # The values advise judged: each threshold on a plain field, and each stage signal it placed.
        judged = {}
        for verdict in advice.get("thresholds") or []:
            if verdict.get("value") is not None:
                judged[verdict.get("metric")] = verdict["value"]
        for trigger in advice.get("triggers") or []:
            if trigger.get("value") is not None:
                judged[trigger.get("signal")] = trigger["value"]
        bad, n = [], 0
        for col, _ in METRICS:
            if col not in judged:
                continue
            mine, theirs = judged[col], duck_doc["latest"].get(col)
            n += 1
            if theirs is None or not close(mine, theirs, TIGHT):
                bad.append(f"{col}: scalectl {mine} vs duckdb {theirs}")
        if n == 0:
            bad.append("advise judged none of the metrics")
        if bad:
            ok = False
            say("  advise's latest known values vs duckdb: NO — " + "; ".join(bad[:4]),
                "- advise's latest known values vs duckdb: **no** — " + "; ".join(bad[:4]))
        else:
            say(f"  advise's latest known values vs duckdb: yes ({n} numbers)",
                f"- advise's latest known values vs duckdb: yes ({n} numbers)")
    except (OSError, ValueError, KeyError) as error:
        ok = False
        say(f"  advise's latest known values vs duckdb: NO — {error}")
    report_size = os.path.getsize(by["report"].out_path) if os.path.exists(by["report"].out_path) else None
    if report_size is not None:
        say(f"  report: {report_size / MB:.2f} MB of HTML (limit 2 MB)", f"- report: {report_size / MB:.2f} MB of HTML (limit 2 MB)")
        if report_size > 2_000_000:
            ok = False
    say()
    return ok, by


def render_table(args, sizes, say):
    """How long headless Chromium takes to lay out and paint each report the commands tables wrote (a full-page
    screenshot), less a blank page's time: the browser's own start-up is most of a run and is not the page's. None
    when Chromium or hyperfine is missing, False when a page failed, else each size's time less the blank page's."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    pages = [(size, os.path.join(args.data, f"out-{size}-csv-cmd-report.txt")) for size in sizes]
    pages = [(size, path) for size, path in pages if os.path.exists(path)]
    if not chromium or not shutil.which("hyperfine") or not pages:
        say("## report in a browser: skipped (needs chromium, hyperfine and a report from the commands table)")
        say()
        return None
    blank = os.path.join(args.data, "blank.html")
    with open(blank, "w") as f:
        f.write("<!doctype html><html><head><meta charset=\"utf-8\"><title>blank</title></head><body><p>blank</p></body></html>\n")
    shot = os.path.join(args.data, "render.png")
    html = []
    for size, path in pages:  # Chromium picks the renderer by the file's extension
        copy = os.path.join(args.data, f"report-{size}.html")
        shutil.copyfile(path, copy)
        html.append((size, copy))
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,8000",
            f"--screenshot={shot}"]
    commands = [" ".join(base + [f"file://{blank}"])] + [" ".join(base + [f"file://{path}"]) for _, path in html]
    out = os.path.join(args.data, "hyperfine-render.json")
    hf = subprocess.run(["hyperfine", "-N", "--warmup", "1", "--runs", str(max(args.runs, 7)), "--export-json", out,
                         "--style", "none"] + commands, capture_output=True, text=True)
    say("## report in a browser (headless Chromium, a full-page screenshot at 1280 px)",
        "## report in a browser (headless Chromium, a full-page screenshot at 1280 px)")
    say()
    if hf.returncode != 0:
        say(f"  chromium failed: {hf.stderr.strip()[:300]}")
        return False
    with open(out) as f:
        results = json.load(f)["results"]
    medians = [statistics.median(r["times"]) for r in results]
    rows = [["blank page", "—", fmt(medians[0], ".3f"), "—"]]
    for (size, path), median in zip(html, medians[1:]):
        rows.append([f"report of {size} rows", f"{os.path.getsize(path) / MB:.2f}", fmt(median, ".3f"),
                     fmt(median - medians[0], ".3f")])
    t_, m_ = table(["page", "HTML (MB)", "wall median (s)", "less the blank page (s)"], rows)
    say(t_, m_)
    say()
    return {size: median - medians[0] for (size, _), median in zip(html, medians[1:])}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scalectl", required=True, help="the release binary")
    ap.add_argument("--data", required=True, help="folder with trend-<size>.csv; outputs go there too")
    ap.add_argument("--sizes", default="1M,5M")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool and size (default 5)")
    ap.add_argument("--miller-runs-5m", type=int, default=3, help="miller's timed runs on 5M rows (default 3)")
    ap.add_argument("--skip", default="", help="tools to leave out of the trend tables, comma-separated "
                    "(scalectl, duckdb, pandas, miller, cat)")
    ap.add_argument("--startup-runs", type=int, default=30, help="alternating rounds for start-up (default 30)")
    ap.add_argument("--snapshot", required=True, help="the small snapshot for start-up (has a top-level users)")
    ap.add_argument("--static-scalectl", help="a --static-swift-stdlib build to add to the start-up table")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before one run is killed (default 600)")
    ap.add_argument("--markdown", help="write the tables here as Markdown")
    ap.add_argument("--checksums", default="", help="'name=sha256' pairs, comma-separated, to print")
    ap.add_argument("--command-runs", type=int, default=3, help="timed runs per command in the commands table (default 3)")
    ap.add_argument("--skip-commands", action="store_true", help="leave out the commands table")
    args = ap.parse_args()

    sizes = [s for s in args.sizes.split(",") if s]
    skip = set(x for x in args.skip.split(",") if x)
    out, md = [], []
    status = 0

    def say(text="", markdown=None):
        print(text, flush=True)
        out.append(text)
        md.append(text if markdown is None else markdown)

    t_start = time.time()
    say("# scalectl benchmark", "# scalectl benchmark")
    say(time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))
    say()
    desc = machine()
    t, m = table(["machine", ""], desc)
    say(t, m)
    say()
    if args.checksums:
        for pair in args.checksums.split(","):
            name, _, digest = pair.partition("=")
            say(f"data: {name}  sha256 {digest}", f"- data: `{name}` sha256 `{digest}`")
        say()

    # ------------------------------------------------------------------------------------------ trend
    per_size = {}
    for size in sizes:
        path = os.path.join(args.data, f"trend-{size}.csv")
        nbytes = os.path.getsize(path)
        rows = count_rows(path)
        o = lambda name: os.path.join(args.data, f"out-{size}-{name}.json")
        py = sys.executable
        here = os.path.dirname(os.path.abspath(__file__))
        tools = [
            Tool("scalectl", [args.scalectl, "trend", path, "--format", "json"], args.runs, o("scalectl")),
            Tool("duckdb", [py, os.path.join(here, "peers", "duckdb_trend.py"), path], args.runs, o("duckdb")),
            Tool("pandas", [py, os.path.join(here, "peers", "pandas_trend.py"), path], args.runs, o("pandas")),
        ]
        if "miller" not in skip:
            cols = ",".join(f for f, _ in METRICS)
            mruns = args.runs if rows < 5_000_000 else min(args.runs, args.miller_runs_5m)
            tools.append(Tool("miller", ["mlr", "--icsv", "--ojson", "stats1", "-i", "-a", ",".join(MILLER_KEYS), "-f", cols, path],
                              mruns, o("miller"), warmup=False))
        tools.append(Tool("cat", ["cat", path], args.runs, None))
        tools = [t for t in tools if t.name not in skip]
        sys.stderr.write(f"{size}: {rows:,} rows, {nbytes / MB:.1f} MB\n")
        run_once(["cat", path], None, args.timeout)  # into the page cache
        alternate(tools, max(t.runs for t in tools), args.timeout, size)
        per_size[size] = (rows, nbytes, {t.name: t for t in tools})

        say(f"## trend, {size} rows ({rows:,} rows, {nbytes / MB:.1f} MB, `{os.path.basename(path)}`)",
            f"## trend, {size} rows ({rows:,} rows, {nbytes / MB:.1f} MB)")
        say()
        base = next((t for t in tools if t.name == "scalectl"), None)
        bw = base.wall() if base else None
        br = base.rss_mb() if base else None
        rows_t = []
        for t in tools:
            w, r = t.wall(), t.rss_mb()
            spread = f"{min(x.wall for x in t.results):.3f}–{max(x.wall for x in t.results):.3f}" if t.results else "—"
            rows_t.append([t.name, f"{len(t.results)}" + ("" if t.failure is None else " (failed)"),
                           fmt(w, ".3f"), spread, fmt(nbytes / MB / w if w else None, ",.0f"), t.rss_text(),
                           fmt(t.cores(), ".2f"), fmt(w / bw if (w and bw) else None, ".2f"),
                           fmt(r / br if (r and br) else None, ".2f")])
        t_, m_ = table(["tool", "runs", "wall median (s)", "min–max (s)", "MB/s", "peak RSS (MB)", "CPU (cores)",
                        "wall / scalectl", "RSS / scalectl"], rows_t)
        say(t_, m_)
        if any(t.small_rss_kb and t.small_rss_kb > 0 for t in tools):
            say(f"  * peak RSS from one extra run under GNU time: ru_maxrss seen from this harness never goes below its own {FLOOR_KB * 1024 / MB:.1f} MB",
                f"- \\* peak RSS from one extra run under GNU time: ru_maxrss seen from this harness never goes below its own {FLOOR_KB * 1024 / MB:.1f} MB")
        for t in tools:
            if t.failure:
                say(f"  {t.name} failed: {t.failure}", f"- {t.name} failed: {t.failure}")
        if any(t.name == "miller" and t.runs < args.runs for t in tools):
            note = (f"miller: {args.miller_runs_5m} runs on {rows:,} rows, not {args.runs} (45–90 s a run here; "
                    f"--miller-runs-5m N to change)")
            say("  " + note, "- " + note)
        say()

        # agreement
        say("agreement (relative tolerance 1e-9; miller 1e-6 on what stats1 computes: count, min, mean, p95, max):",
            "Agreement (relative tolerance 1e-9; miller 1e-6 on what `stats1` computes: count, min, mean, p95, max):")
        docs = {}
        for t in tools:
            if t.out_path:
                docs[t.name] = load_json(t.out_path) if t.failure is None else (None, f"failed: {t.failure}")
        num = {}
        probs = {}
        for name in ("scalectl", "duckdb", "pandas"):
            if name not in docs:
                num[name], probs[name] = None, [f"{name} skipped"]
                continue
            doc, err = docs[name]
            n, p = trend_numbers(doc, name)
            num[name], probs[name] = n, ([err] if err else []) + p
        if "miller" in docs:
            doc, err = docs["miller"]
            n, p = miller_numbers(doc) if doc is not None else (None, [err])
            num["miller"], probs["miller"] = n, p

        def report(label, a, b, tol, keys=None, counts=True):
            pa, pb = probs[a], probs[b]
            if num[a] is None or num[b] is None or (pa and a == "scalectl"):
                why = "; ".join((pa + pb)[:3])
                say(f"  {label}: NO — {why}", f"- {label}: **no** — {why}")
                return False
            keys = keys or sorted(set(num[b]))
            n, bad = compare(num[a], num[b], tol, keys)
            if bad:
                say(f"  {label}: NO — {len(bad)} of {n} numbers differ: " + "; ".join(bad[:4]),
                    f"- {label}: **no** — {len(bad)} of {n} numbers differ: " + "; ".join(bad[:4]))
                return False
            say(f"  {label}: yes ({n} numbers)", f"- {label}: yes ({n} numbers)")
            return True

        ok_ref = report("duckdb vs pandas (checks the checker)", "duckdb", "pandas", TIGHT)
        for peer in ("duckdb", "pandas"):
            if "scalectl" in docs and peer in docs and not report(f"scalectl vs {peer}", "scalectl", peer, TIGHT):
                status = 1
        if "miller" in num:
            mkeys = sorted(num["miller"]) if num["miller"] else None
            if num["scalectl"] is not None and not probs["scalectl"]:
                if not report("scalectl vs miller", "scalectl", "miller", LOOSE, mkeys):
                    status = 1
            else:
                report("duckdb vs miller (scalectl has no comparable output)", "duckdb", "miller", LOOSE, mkeys)
        if not ok_ref:
            say("  (duckdb and pandas disagree with each other: the comparison itself is suspect)")
        say()

    # ------------------------------------------------------------------------------------------ commands
    commands_per_size = {}
    if not args.skip_commands and "scalectl" not in skip:
        for size in sizes:
            for kind in ("csv", "json"):
                ok, cmd = commands_table(args, size, say, kind)
                commands_per_size[size if kind == "csv" else f"{size} JSON"] = cmd
                if not ok:
                    status = 1

    # ------------------------------------------------------------------------------------------ report in a browser
    rendered = render_table(args, sizes, say)
    if rendered is False:
        status = 1

    # ------------------------------------------------------------------------------------------ start-up
    snap = args.snapshot
    st = [Tool("scalectl stage", [args.scalectl, "stage", snap], args.startup_runs,
               os.path.join(args.data, "out-startup-scalectl.txt")),
          Tool("jq .users", ["jq", ".users", snap], args.startup_runs, os.path.join(args.data, "out-startup-jq.txt"))]
    if args.static_scalectl:
        st.insert(1, Tool("scalectl stage (static stdlib)", [args.static_scalectl, "stage", snap], args.startup_runs,
                          os.path.join(args.data, "out-startup-static.txt")))
    for _ in range(2):  # two more warm-ups
        for t in st:
            run_once(t.argv, None, args.timeout)
    alternate(st, args.startup_runs, args.timeout, "start-up")
    say(f"## start-up, `{os.path.basename(snap)}` ({os.path.getsize(snap)} bytes), {args.startup_runs} alternating rounds",
        f"## start-up, `{os.path.basename(snap)}` ({os.path.getsize(snap)} bytes), {args.startup_runs} alternating rounds")
    say()
    base = st[0]
    rows_t = []
    for t in st:
        w = t.wall()
        size_b = os.path.getsize(t.argv[0]) if os.path.exists(t.argv[0]) else None
        rows_t.append([t.name, len(t.results), fmt(w * 1000 if w else None, ".2f"),
                       fmt(min(r.wall for r in t.results) * 1000 if t.results else None, ".2f"),
                       t.rss_text(), fmt(w / base.wall() if (w and base.wall()) else None, ".2f"),
                       fmt(size_b / MB if size_b else None, ".1f")])
    t_, m_ = table(["command", "runs", "wall median (ms)", "min (ms)", "peak RSS (MB)", "wall / scalectl", "binary (MB)"], rows_t)
    say(t_, m_)
    if any(t.small_rss_kb and t.small_rss_kb > 0 for t in st):
        say(f"  * peak RSS from one extra run under GNU time: ru_maxrss seen from this harness never goes below its own {FLOOR_KB * 1024 / MB:.1f} MB",
            f"- \\* peak RSS from one extra run under GNU time: ru_maxrss seen from this harness never goes below its own {FLOOR_KB * 1024 / MB:.1f} MB")
    for t in st:
        if t.failure:
            say(f"  {t.name} failed: {t.failure}", f"- {t.name} failed: {t.failure}")
            status = 1 if t is base else status
    # hyperfine as a second opinion (it runs the commands one after the other, not alternating)
    hf_json = os.path.join(args.data, "hyperfine-startup.json")
    cmds = [" ".join(t.argv) for t in st]
    hf = subprocess.run(["hyperfine", "-N", "--warmup", "5", "--runs", str(max(args.startup_runs, 10)),
                         "--export-json", hf_json, "--style", "none"] + cmds, capture_output=True, text=True)
    if hf.returncode == 0:
        with open(hf_json) as f:
            res = json.load(f)["results"]
        parts = [f"{t.name} {statistics.median(r['times']) * 1000:.2f} ms" for t, r in zip(st, res)]
        say("  hyperfine -N (one command after the other), medians: " + ", ".join(parts),
            "- hyperfine -N (one command after the other), medians: " + ", ".join(parts))
    else:
        say(f"  hyperfine failed: {hf.stderr.strip()[:200]}")
    say()

    # ------------------------------------------------------------------------------------------ targets
    say("## targets", "## targets")
    say()
    trows = []

    def target(name, value, limit, ok, note=""):
        verdict = "n/a" if ok is None else ("PASS" if ok else "FAIL")
        trows.append([name, value, limit, verdict + (f" {note}" if note else "")])

    big = per_size.get("5M")
    if big:
        tl = big[2]
        none = Tool("-", [], 0, None)
        s, d, p = tl.get("scalectl", none), tl.get("duckdb", none), tl.get("pandas", none)
        r = s.wall() / d.wall() if s.wall() and d.wall() else None
        target("5M trend: scalectl wall / duckdb wall", fmt(r, ".2f"), "≤ 0.70", None if r is None else r <= 0.70)
        r = s.wall() / p.wall() if s.wall() and p.wall() else None
        target("5M trend: scalectl wall / pandas wall", fmt(r, ".2f"), "≤ 0.25", None if r is None else r <= 0.25)
        r = s.rss_mb() / d.rss_mb() if s.rss_mb() and d.rss_mb() else None
        target("5M trend: scalectl peak RSS / duckdb peak RSS", fmt(r, ".2f") + (
            f" ({s.rss_mb():.0f} vs {d.rss_mb():.0f} MB)" if r else ""), "≤ 1.00", None if r is None else r <= 1.0)
    else:
        target("5M trend targets", "not measured (--rows-only)", "", None)
    r = st[0].wall() / st[-1].wall() if st[0].wall() and st[-1].wall() else None
    target("start-up: scalectl stage / jq .users", fmt(r, ".2f"), "≤ 0.50", None if r is None else r <= 0.5)
    if "1M" in per_size and "5M" in per_size:
        if "scalectl" not in per_size["1M"][2]:
            target("growth: scalectl wall 5M / 1M", "—", "4.5–5.5", None)
        for name in ("scalectl", "duckdb", "pandas", "miller", "cat"):
            a, b = per_size["1M"][2].get(name), per_size["5M"][2].get(name)
            if a is None or b is None:
                continue
            g = b.wall() / a.wall() if a.wall() and b.wall() else None
            if name == "scalectl":
                target("growth: scalectl wall 5M / 1M", fmt(g, ".2f"), "4.5–5.5", None if g is None else 4.5 <= g <= 5.5)
            else:
                trows.append([f"  (for comparison: {name} 5M / 1M)", fmt(g, ".2f"), "", ""])
    else:
        target("growth: scalectl wall 5M / 1M", "needs 1M and 5M", "4.5–5.5", None)
    for size, cmd in commands_per_size.items():
        trend, duck = cmd.get("trend"), cmd.get("duckdb")
        for name, t in cmd.items():
            if name in ("trend", "duckdb") or not t.wall() or not trend or not trend.wall():
                continue
            tw, tr = trend.wall(), trend.rss_mb()
            pairs = 2 if name.startswith("diff") else 1  # diff reads two files: against two trends
            limit = max(2 * tw * pairs, tw * pairs + 0.3)
            target(f"{size} {name}: wall / trend's", f"{t.wall() / (tw * pairs):.2f} ({t.wall():.2f} s)",
                   f"≤ 2× (or +0.3 s)", t.wall() <= limit)
            target(f"{size} {name}: peak RSS / trend's", f"{t.rss_mb() / (tr * pairs):.2f} ({t.rss_mb():.0f} MB)", "≤ 1.50",
                   t.rss_mb() <= 1.5 * tr * pairs)
            if duck and duck.wall():
                target(f"{size} {name}: wall / duckdb's", f"{t.wall() / (duck.wall() * pairs):.2f}", "≤ 0.70",
                       t.wall() <= 0.7 * duck.wall() * pairs)
    for size, seconds in (rendered or {}).items():
        target(f"{size} report in Chromium, less a blank page", f"{seconds:.2f} s", "< 1 s", seconds < 1.0)
    t_, m_ = table(["target", "measured", "limit", "verdict"], trows)
    say(t_, m_)
    say()
    say("load average at end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()) +
        f" (on {os.cpu_count()} CPUs; other work on the machine shows up in every tool's times alike, but it shows)")
    say()
    agree = "all numbers agree" if status == 0 else "DISAGREEMENT with scalectl (exit status 1)"
    say(f"{agree}; benchmark took {time.time() - t_start:.0f} s")

    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n".join(md) + "\n")
        print(f"Markdown: {args.markdown}")
    return status


if __name__ == "__main__":
    sys.exit(main())
