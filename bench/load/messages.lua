-- wrk script: POST /api/messages with deliveryMode expectReplies.
-- Each request is a new activity (unique id) in one of CONVERSATIONS conversations, so per-conversation state is
-- read and written on every turn, as in real traffic. QUESTIONS rotate through real visitor questions.
local conversations = tonumber(os.getenv("CONVERSATIONS") or "32")
-- Distinct per wrk process (several instances are loaded at once) and per run (so activity ids are never redelivered).
local prefix = (os.getenv("PREFIX") or "bench") .. "-" .. tostring(os.time())
local questions = {}
for line in io.lines(os.getenv("QUESTIONS_FILE") or "bench/load/questions.txt") do
  if #line > 0 then questions[#questions + 1] = line end
end

local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  math.randomseed(os.time() + thread_id)
end

local function escape(s)
  return (s:gsub('\\', '\\\\'):gsub('"', '\\"'))
end

request = function()
  counter = counter + 1
  local conversation = (counter % conversations)
  local text = questions[(counter % #questions) + 1]
  local body = string.format(
    '{"type":"message","id":"%s-t%d-%d","channelId":"bench","serviceUrl":"https://bench.invalid/",' ..
    '"conversation":{"id":"%s-%d-%d"},"from":{"id":"user-%d-%d","role":"user"},"recipient":{"id":"bot"},' ..
    '"deliveryMode":"expectReplies","locale":"en-US","text":"%s"}',
    prefix, thread_id, counter, prefix, thread_id, conversation, thread_id, conversation, escape(text))
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
