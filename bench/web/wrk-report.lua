-- wrk script for bench/web-pages.ts: GETs the paths listed in the file WRK_PATHS in turn (one per
-- line), asks for brotli like a browser, and prints the latency percentiles as one JSON line.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local next_path = 0

wrk.headers["Accept-Encoding"] = "br"
wrk.headers["Accept"] = "text/html"

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"failed":%d,"timeouts":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
