#!/usr/bin/env bash
# The foundation benchmark: import N incidents (default 100,000) into a new SQLite database, `neig monitor`,
# and the /monitor page's latency against a static route on the same server. Whole processes, release build.
# Usage: Benchmarks/run.sh [N]   (DATABASE_URL=postgres://… measures PostgreSQL; NEIG_BIN=path skips the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
port=18181
if [ -z "${NEIG_BIN:-}" ]; then
  swift build -c release --product neig --scratch-path .build-release 2>&1 | tail -1
fi
neig=${NEIG_BIN:-$PWD/.build-release/release/neig}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=""
db=${DATABASE_URL:-sqlite:$work/bench.sqlite}

python3 Benchmarks/generate_incidents.py "$n" 42 > "$work/incidents.csv"
echo "incidents: $n ($(du -h "$work/incidents.csv" | cut -f1)), database: ${db%%:*}"
"$neig" migrate --database "$db" >/dev/null 2>&1

seconds() { date +%s.%N; }
t0=$(seconds); "$neig" import incidents "$work/incidents.csv" --database "$db" 2>/dev/null; t1=$(seconds)
python3 -c "d=$t1-$t0; print(f'import: {d:.2f} s (target < 5 s: {d/5:.2f} of target)')"
t0=$(seconds); "$neig" import incidents "$work/incidents.csv" --database "$db" >/dev/null 2>&1; t1=$(seconds)
python3 -c "d=$t1-$t0; print(f're-import (all present): {d:.2f} s')"
t0=$(seconds); "$neig" monitor --year 2024 --database "$db" >/dev/null 2>&1; t1=$(seconds)
python3 -c "d=$t1-$t0; print(f'neig monitor --year 2024 (whole process): {d*1000:.0f} ms')"

echo "Zeven-lange-dijken-2025" | "$neig" user create --email bench@example.nl --name Bench --role analyst \
  --organisation vng --database "$db" >/dev/null 2>&1
"$neig" serve --no-demo --port "$port" --database "$db" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
python3 Benchmarks/http_latency.py "http://127.0.0.1:$port" bench@example.nl Zeven-lange-dijken-2025 \
  "/monitor?jaar=2024" "/static/neig.css" 200
