#!/usr/bin/env bash
# Library search on 10,000 documents: SQLite FTS5 and PostgreSQL (`dutch`), each behind a release `neig serve`,
# timed over the JSON API with varied Dutch queries. Target: p95 < 50 ms.
# Usage: Benchmarks/search.sh   (NEIG_BIN=path skips the release build; DOCS=2000 to shorten; NO_PG=1 for SQLite only)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NEIG_BIN:-}" ]; then
  swift build -c release --product neig --scratch-path .build-release 2>&1 | tail -1
fi
neig=${NEIG_BIN:-$PWD/.build-release/release/neig}
docs=${DOCS:-10000}
work=$(mktemp -d)
chmod 755 "$work"
port=18585
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -z "${NO_PG:-}" ] && scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
python3 Benchmarks/generate_library.py "$docs" 7 > "$work/library.jsonl"
echo "$docs documents, $(du -h "$work/library.jsonl" | cut -f1) of text, $(nproc) cores"

run() { # label database-url
  echo "== $1"
  local t0 t1
  t0=$(date +%s.%N)
  "$neig" library import "$work/library.jsonl" --database "$2" | tail -1
  t1=$(date +%s.%N)
  python3 -c 'import sys; print(f"import: {float(sys.argv[2]) - float(sys.argv[1]):.1f} s")' "$t0" "$t1"
  # Measure the steady state: PostgreSQL with planner statistics, as autovacuum leaves it a minute after a load.
  case "$2" in postgres*) "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" "$2" -qc "ANALYZE" ;; esac
  echo "Zoek-Tulp-Kanaal-42" | "$neig" user create --email bench@example.nl --name Bench --role municipal_officer --organisation GM0363 \
    --database "$2" >/dev/null
  token=$("$neig" token create --email bench@example.nl --database "$2" | tail -1)
  NEIG_API_RATE_LIMIT_PER_MINUTE=1000000 "$neig" serve --no-demo --port $port --database "$2" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  python3 Benchmarks/search_latency.py "http://127.0.0.1:$port" "$token" "${REQUESTS:-600}"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

run "SQLite FTS5" "sqlite:$work/search.sqlite"
if [ -z "${NO_PG:-}" ]; then
  url=$(scripts/postgres.sh start "$work/pg" 55434)
  run "PostgreSQL 15 (dutch)" "$url"
fi
