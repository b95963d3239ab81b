#!/usr/bin/env bash
# Writes Tests/NEIGAppTests/Fixtures/upgrade-<commit>.zip: a database with demo data as the given build of neig
# left it, once as an SQLite file and once as a PostgreSQL dump, for the upgrade test (UpgradeTests.swift).
# Run it with a binary built from the commit the fixture is named after: scripts/make-upgrade-fixture.sh BIN COMMIT
set -euo pipefail
bin=$(realpath "$1"); commit=$2
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../Tests/NEIGAppTests/Fixtures/upgrade-$commit.zip"
work=$(mktemp -d /tmp/neig-fixture.XXXXXX); chmod 755 "$work"
trap '"$here/postgres.sh" stop "$work/pg" || true; rm -rf "$work"' EXIT
cd "$work"
serve_once() { # starts `neig serve` (migrate + demo data), waits until it answers, stops it
  "$bin" serve --port "$1" >"serve-$1.log" 2>&1 & local pid=$!
  for _ in $(seq 1 180); do curl -s -o /dev/null "http://127.0.0.1:$1/" && break; sleep 1; done
  kill "$pid"; wait "$pid" || true
}
DATABASE_URL="sqlite:$work/neig.sqlite" serve_once 18190
url=$("$here/postgres.sh" start "$work/pg" 55490)
DATABASE_URL=${url/neig_test/neig_cli} serve_once 18191
# Unqualified names so the test can load the dump into a schema of its own; session settings are the test's.
"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_dump" -h 127.0.0.1 -p 55490 -U postgres --no-owner \
  --no-privileges --no-comments --inserts --rows-per-insert=100 --schema=public neig_cli \
  | grep -v -E '^(--|\\restrict|\\unrestrict|SET |SELECT pg_catalog.set_config|CREATE SCHEMA public;|$)' \
  | sed -E '/^(CREATE|ALTER|INSERT INTO|    ADD|    EXECUTE)/ s/public\.//g' >neig.pg.sql
rm -f "$out"; zip -q -9 "$out" neig.sqlite neig.pg.sql
echo "$out"
