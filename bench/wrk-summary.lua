-- wrk reporter: one machine-readable line instead of wrk's human summary, so bench/run.sh does
-- not have to parse "1.23ms"/"456.78us" units. Latencies are wrk's microseconds, printed in ms.
-- Errors count non-2xx answers too: a benchmark of 404s or 503s must not pass for a fast one.
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("RESULT rps=%.1f p50=%.3f p99=%.3f requests=%d errors=%d bytes=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors, summary.bytes))
end
