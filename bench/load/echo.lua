-- wrk script: the same-sized JSON body to the bare echo endpoint, as the baseline of the ratio.
local body = '{"type":"message","id":"t1","channelId":"bench","serviceUrl":"https://bench.invalid/",' ..
  '"conversation":{"id":"bench-0"},"from":{"id":"user-0","role":"user"},"recipient":{"id":"bot"},' ..
  '"deliveryMode":"expectReplies","locale":"en-US","text":"What are the first signs of metastatic lung cancer?"}'

request = function()
  return wrk.format("POST", "/bench/echo", { ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
