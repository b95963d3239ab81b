#!/usr/bin/env bash
# Property-based API testing with schemathesis against a live neig: no 5xx and every response as the
# OpenAPI document describes (status code, content type, headers, body schema). Loopback only, bounded.
# Usage: scripts/api-fuzz.sh PATH/TO/neig [EXAMPLES]
set -uo pipefail
neig=$(realpath "$1")
examples=${2:-50}
port=${FUZZ_PORT:-18383}
work=$(mktemp -d)
db="sqlite:$work/fuzz.sqlite"
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
echo "Schema-Tulp-Kanaal-42" | "$neig" user create --email fuzz@example.nl --name Fuzz --role police \
  --organisation politie --database "$db" >/dev/null 2>&1
token=$("$neig" token create --email fuzz@example.nl --database "$db" 2>/dev/null | tail -1)
NEIG_API_RATE_LIMIT_PER_MINUTE=1000000 "$neig" serve --port "$port" --database "$db" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
st run "http://127.0.0.1:$port/api/v1/openapi.json" --url "http://127.0.0.1:$port/api/v1" \
  -H "Authorization: Bearer $token" -n "$examples" --seed 2025 \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --no-color 2>&1 | tail -25
status=${PIPESTATUS[0]}
if grep -q "Internal\|panic\|Fatal" "$work/serve.log"; then echo "server log shows an internal error:"; grep -m5 "Internal\|panic\|Fatal" "$work/serve.log"; exit 1; fi
exit "$status"
