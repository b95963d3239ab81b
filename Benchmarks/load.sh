#!/usr/bin/env bash
# Load: 200 concurrent logged-in sessions on /monitor and the API, against a static route in the same run.
# Loopback only; every wrk run is bounded by DURATION seconds. Release build, demo data.
# Usage: Benchmarks/load.sh [DURATION]   (NEIG_BIN=path skips the release build; CONNECTIONS=200 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${CONNECTIONS:-200}
port=18484
if [ -z "${NEIG_BIN:-}" ]; then swift build -c release --product neig --scratch-path .build-release 2>&1 | tail -1; fi
neig=${NEIG_BIN:-$PWD/.build-release/release/neig}
work=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
NEIG_LOGIN_RATE_LIMIT_PER_MINUTE=100000 NEIG_API_RATE_LIMIT_PER_MINUTE=10000000 \
  "$neig" serve --port "$port" --database "sqlite:$work/load.sqlite" > "$work/serve.log" 2>&1 &
server=$!
# A debug build loads the demo data slowly: wait up to five minutes, and stop if the server never answers.
for _ in $(seq 1 1500); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the server did not start:"; tail -5 "$work/serve.log"; exit 1; }
python3 - "$port" > "$work/cookies.txt" <<'PY'
import concurrent.futures, http.cookiejar, re, sys, urllib.parse, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
def session(_):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = re.search(r'name="csrf" value="([^"]+)"', opener.open(base + "/login").read().decode()).group(1)
    body = urllib.parse.urlencode({"email": "analist@demo.neig.nl", "password": "demo-wachtwoord-neig", "csrf": token}).encode()
    opener.open(base + "/login", data=body).read()
    return next(f"neig_session={c.value}" for c in jar if c.name == "neig_session")
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    for cookie in pool.map(session, range(200)):
        print(cookie)
PY
echo "sessions: $(wc -l < "$work/cookies.txt"), connections: $connections, duration: ${duration}s per route"
failed=0
declare -A p95
for path in "/static/neig.css" "/monitor?jaar=2025" "/api/v1/monitor?year=2025" "/api/v1/incidents?limit=50"; do
  line=$(NEIG_COOKIES="$work/cookies.txt" NEIG_PATH="$path" NEIG_RESULT="$work/result" \
    wrk -t 2 -c "$connections" -d "${duration}s" --timeout 10s -s Benchmarks/load.lua "http://127.0.0.1:$port" | tail -1)
  echo "$line"
  case "$line" in *"requests=0 "*) echo "no request to $path was answered"; exit 1 ;; esac
  read -r latency errors < "$work/result"
  p95[$path]=$latency
  [ "$errors" = 0 ] || failed=1
done
for path in "/monitor?jaar=2025" "/api/v1/monitor?year=2025" "/api/v1/incidents?limit=50"; do
  python3 -c "print(f'p95 ratio {\"$path\"} / static: {float(\"${p95[$path]}\") / float(\"${p95[/static/neig.css]}\"):.1f}x')"
done
[ "$failed" = 0 ] && echo "0 errors" || { echo "errors occurred"; exit 1; }
