#!/usr/bin/env bash
# Captures real Prometheus HTTP API responses into Fixtures/adapters/prometheus/.
#
# Uses Debian's prometheus package unpacked into a temporary folder (the packaged service is never started),
# runs it on 127.0.0.1:9099 scraping itself with storage in the temporary folder, puts a little bounded load on
# it with curl, waits for about 100 seconds of scrapes, then saves the responses. Only loopback is contacted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../adapters/prometheus"
work="$(mktemp -d)"
port=9099
base="http://127.0.0.1:$port"
mkdir -p "$out"
cleanup() { [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cd "$work"
if [[ -n "${PROMETHEUS_DEB:-}" ]]; then cp "$PROMETHEUS_DEB" .; else apt-get download prometheus; fi
dpkg-deb -x prometheus_*.deb root
cat > prometheus.yml <<YAML
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$port']
YAML
root/usr/bin/prometheus --config.file=prometheus.yml --storage.tsdb.path="$work/data" \
  --web.listen-address=127.0.0.1:$port > prometheus.log 2>&1 &
pid=$!
for _ in $(seq 1 60); do curl -fs "$base/-/ready" > /dev/null && break; sleep 1; done

# Bounded load: successful queries, and some that fail (400) so the error ratio is not zero.
for round in $(seq 1 100); do
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$base/api/v1/query?query=up"; done
  curl -s -o /dev/null "$base/api/v1/query?query=up%5B"
  curl -s -o /dev/null "$base/api/v1/labels"
  sleep 1
done

now=$(date +%s)
q() { curl -fsS -G "$base/api/v1/$1" "${@:2}"; }
q query --data-urlencode 'query=prometheus_http_requests_total{handler="/api/v1/query"}' --data-urlencode "time=$now" > "$out/vector.json"
q query --data-urlencode 'query=scalar(sum(rate(prometheus_http_requests_total[1m])))' --data-urlencode "time=$now" > "$out/scalar.json"
p95='histogram_quantile(0.95, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[1m])))'
errors='sum(rate(prometheus_http_requests_total{code=~"4..|5.."}[1m])) / sum(rate(prometheus_http_requests_total[1m]))'
q query --data-urlencode "query=$p95" --data-urlencode "time=$now" > "$out/p95.json"
q query --data-urlencode "query=$errors" --data-urlencode "time=$now" > "$out/errors.json"
q query_range --data-urlencode "query=$p95" --data-urlencode "start=$((now - 60))" --data-urlencode "end=$now" \
  --data-urlencode 'step=15' > "$out/p95-range.json"
q query_range --data-urlencode 'query=sum by (code) (rate(prometheus_http_requests_total[1m]))' \
  --data-urlencode "start=$((now - 60))" --data-urlencode "end=$now" --data-urlencode 'step=15' > "$out/rate-range.json"
# A query with no samples: an empty vector.
q query --data-urlencode 'query=no_such_metric_anywhere' > "$out/empty.json"
# A bad PromQL expression: Prometheus answers 400 with status "error".
curl -sS -G "$base/api/v1/query" --data-urlencode 'query=sum(rate(' > "$out/error-bad-query.json"
echo "captured into $out:"; ls -l "$out"
