#!/usr/bin/env bash
# Runs every benchmark script once with a tiny N against the given binary, so that none of them can rot unnoticed.
# The figures mean nothing here (debug build, tiny data); only that each script runs to the end.
# Usage: scripts/bench-smoke.sh .build/debug/neig
set -euo pipefail
cd "$(dirname "$0")/.."
export NEIG_BIN
NEIG_BIN=$(realpath "$1")
step() { echo "-- $*"; "$@" > /tmp/neig-bench-smoke.log 2>&1 || { cat /tmp/neig-bench-smoke.log; echo "benchmark failed: $*"; exit 1; }; tail -3 /tmp/neig-bench-smoke.log; }
step Benchmarks/run.sh 300
step env DOCS=40 REQUESTS=30 Benchmarks/search.sh
step env SIZES=200 Benchmarks/spacetime.sh
step env CONNECTIONS=8 Benchmarks/load.sh 3
step Benchmarks/maps.sh 20
