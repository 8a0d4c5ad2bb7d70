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
-- Set per thread by setup() through thread:set, which writes the thread's globals: so "thread_id" must be a global
-- there, not a local of this chunk (a local would shadow it, every thread would use 0, and the threads would send the
-- same activity ids, half of them answered as redeliveries).
local threads_started = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", threads_started)
  thread:set("lost", 0)
  threads_started = threads_started + 1
  threads[#threads + 1] = thread
end

-- Every reply is checked: a 200 without a reply activity (a redelivery, say) or with an apology is a lost turn, so a
-- figure can never be inflated by turns that did no work.
response = function(status, headers, body)
  if status == 200 and (not body:find('"activities":%[{') or body:find("try again", 1, true) or body:find("went wrong", 1, true)) then
    lost = lost + 1
  end
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
  local lost = 0
  for _, thread in ipairs(threads) do
    lost = lost + thread:get("lost")
  end
  io.write(string.format("RESULT requests=%d errors=%d lost=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    lost,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
