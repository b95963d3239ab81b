#!/usr/bin/env bash
# The national map: SVG size of /open-data and /monitor as a visitor gets them, and /open-data's latency against
# /health, on the demo data behind a release `neig serve` (NEIG_BIN=path reuses a built binary).
# Usage: Benchmarks/maps.sh [REQUESTS]   (default 400)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-400}
if [ -z "${NEIG_BIN:-}" ]; then
  swift build -c release --product neig --scratch-path .build-release 2>&1 | tail -1
fi
neig=${NEIG_BIN:-$PWD/.build-release/release/neig}
work=$(mktemp -d)
port=18411
"$neig" serve --port "$port" --database "sqlite:$work/maps.sqlite" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.2; done
python3 Benchmarks/map_page.py "http://127.0.0.1:$port" /open-data /health "$requests"
python3 Benchmarks/map_page.py "http://127.0.0.1:$port" /monitor /health "$((requests / 4 + 1))"
