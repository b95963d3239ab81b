-- wrk script: every request carries one of the session cookies in $NEIG_COOKIES (one per line), so 200
-- connections act as 200 logged-in users. Prints p95 latency and every non-2xx or socket error.
local cookies = {}
for line in io.lines(os.getenv("NEIG_COOKIES")) do cookies[#cookies + 1] = line end
local target = os.getenv("NEIG_PATH")
local index = 0

request = function()
  index = index % #cookies + 1
  return wrk.format("GET", target, { Cookie = cookies[index] })
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("%-28s requests=%d  rps=%.0f  p50=%.1f ms  p95=%.1f ms  p99=%.1f ms  errors=%d\n",
    target, summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
  local file = io.open(os.getenv("NEIG_RESULT"), "w")
  file:write(string.format("%f %d\n", latency:percentile(95) / 1000, errors))
  file:close()
end
