#!/usr/bin/env bash
# Crash safety: start a large import in a real neig process, SIGKILL it in the middle of its write
# transaction (fault injection pauses it after N batches, so "the middle" is certain) and at random
# moments, then check that the register holds all rows or none and that the database is intact.
# Usage: scripts/crash-test.sh PATH/TO/neig [ROWS]   (PostgreSQL when $DATABASE_URL is set, else SQLite)
set -uo pipefail
neig=$(realpath "$1")
rows=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")/.." && pwd)
python3 "$here/Benchmarks/generate_incidents.py" "$rows" 7 > "$work/incidents.csv"
if [ -n "${DATABASE_URL:-}" ]; then db="$DATABASE_URL"; else db="sqlite:$work/crash.sqlite"; fi
psql_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

count() {
  if [ -n "${DATABASE_URL:-}" ]; then
    "$psql_bin/psql" "${DATABASE_URL%%\?*}" -Atc "SELECT count(*) FROM incidents"
  else
    python3 -c "import sqlite3; print(sqlite3.connect('$work/crash.sqlite').execute('SELECT count(*) FROM incidents').fetchone()[0])"
  fi
}
intact() {
  if [ -n "${DATABASE_URL:-}" ]; then
    # The unique index agrees with the table: an index-only count equals the table's count.
    [ "$(PGOPTIONS='-c enable_seqscan=off' "$psql_bin/psql" "${DATABASE_URL%%\?*}" -Atc "SELECT count(DISTINCT (source, source_id)) FROM incidents")" = "$(count)" ]
  else
    python3 -c "import sqlite3,sys; r=sqlite3.connect('$work/crash.sqlite').execute('PRAGMA integrity_check').fetchone()[0]; sys.exit(0 if r=='ok' else 1)"
  fi
}
check_after_kill() { # label
  n=$(count)
  if { [ "$n" = 0 ] || [ "$n" = "$rows" ]; } && intact; then
    passed=$((passed+1)); echo "$1: $n rows, database intact"
  else
    failed=$((failed+1)); echo "FAIL: $1: $n rows (expected 0 or $rows), or the integrity check failed"
  fi
}

passed=0; failed=0
"$neig" migrate --database "$db" >/dev/null 2>&1
for batches in 1 20; do
  NEIG_FAULT_IMPORT_PAUSE_AFTER_BATCHES=$batches "$neig" import incidents "$work/incidents.csv" --database "$db" \
    >/dev/null 2> "$work/err.txt" &
  pid=$!
  for _ in $(seq 1 600); do grep -q "import paused" "$work/err.txt" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if grep -q "import paused" "$work/err.txt"; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null
    check_after_kill "killed mid-transaction after $batches batches"
  else
    failed=$((failed+1)); echo "FAIL: the import never reached batch $batches"; kill -9 "$pid" 2>/dev/null
  fi
done
for delay in 0.3 1 2; do
  "$neig" import incidents "$work/incidents.csv" --database "$db" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; wait "$pid" 2>/dev/null; check_after_kill "killed after ${delay}s"; fi
  [ "$(count)" = "$rows" ] && break
done
"$neig" import incidents "$work/incidents.csv" --database "$db" >/dev/null 2>&1
if [ "$(count)" = "$rows" ] && intact; then passed=$((passed+1)); echo "import after the crashes: $rows rows"; else failed=$((failed+1)); echo "FAIL: import after the crashes"; fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
