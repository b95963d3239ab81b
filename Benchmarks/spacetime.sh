#!/usr/bin/env bash
# Knox test: neig against pointpats on the same near-repeat-clustered files, whole process against whole
# process, then neig alone at the issue's target sizes. Installs pointpats from PyPI into a venv first
# (2.6 on Python >= 3.12, else 2.5.5, which has the same Knox semantics).
# Usage: Benchmarks/spacetime.sh   (NEIG_BIN=path skips the release build; SIZES="1000 5000" to shorten)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NEIG_BIN:-}" ]; then
  swift build -c release --product neig --scratch-path .build-release 2>&1 | tail -1
fi
neig=${NEIG_BIN:-$PWD/.build-release/release/neig}
venv=${POINTPATS_VENV:-.build/pointpats-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  if python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then spec="pointpats==2.6.0"; else spec="pointpats==2.5.5"; fi
  "$venv/bin/pip" install -q "$spec"
fi
echo "pointpats $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("pointpats"))'), $(nproc) cores"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
distance=200; days=14

# date, not python: a python start-up inside the timed span would cost more than neig itself.
seconds() { date +%s.%N; }
printf '%-8s %-6s %12s %12s %12s %12s %8s\n' n perms neig_s pointpats_s neig_obs pp_obs ratio
for n in ${SIZES:-1000 5000 20000}; do
  python3 Benchmarks/generate_near_repeat.py "$n" 42 > "$work/events-$n.csv"
  t0=$(seconds); "$neig" analyse knox --input "$work/events-$n.csv" --distance $distance --days $days --permutations 99 > "$work/neig.json"; t1=$(seconds)
  "$venv/bin/python" Benchmarks/pointpats_knox.py "$work/events-$n.csv" $distance $days 99 > "$work/pp.json"; t2=$(seconds)
  python3 - "$n" "$t0" "$t1" "$t2" "$work/neig.json" "$work/pp.json" <<'PY'
import json, sys
n, t0, t1, t2 = sys.argv[1], *map(float, sys.argv[2:5])
ours, theirs = json.load(open(sys.argv[5])), json.load(open(sys.argv[6]))
same = "identical" if ours["observed"] == theirs["observed"] else "DIFFERENT"
print(f"{n:<8} {99:<6} {t1 - t0:12.3f} {t2 - t1:12.3f} {ours['observed']:12d} {theirs['observed']:12d} {(t2 - t1) / (t1 - t0):7.0f}x  observed {same}")
PY
done

echo "neig alone, 999 permutations (targets: 20k < 1 s, 100k < 10 s):"
for n in 20000 100000; do
  [ -f "$work/events-$n.csv" ] || python3 Benchmarks/generate_near_repeat.py "$n" 42 > "$work/events-$n.csv"
  t0=$(seconds); "$neig" analyse knox --input "$work/events-$n.csv" --distance $distance --days $days --permutations 999 > "$work/neig.json"; t1=$(seconds)
  python3 -c "import json; d=json.load(open('$work/neig.json')); t=$t1-$t0; target=1 if $n==20000 else 10; print(f'  n={$n}: {t:.3f} s (target {target} s: {t/target:.2f} of target), observed {d[\"observed\"]}, p={d[\"p_value\"]}')"
done
