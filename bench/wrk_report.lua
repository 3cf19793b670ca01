-- wrk's report for bench/load.sh and bench/compare.py: one line,
-- "RESULT req/s p50-ms p99-ms socket-errors non-2xx requests".
-- Answers are counted by status here, since wrk's own "Non-2xx or 3xx" lets redirects through.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body) if status < 200 or status > 299 then non2xx = non2xx + 1 end end
function done(summary, latency, requests)
  local non2xx = 0
  for _, thread in ipairs(threads) do non2xx = non2xx + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, non2xx, summary.requests))
end
