-- wrk script for a soak at a set rate: the requests (and reply checks) of messages.lua, each connection pausing
-- DELAY_MS between its requests. The rate is about connections / (DELAY_MS + latency); the achieved rate is printed.
dofile("bench/load/messages.lua")

local pause = tonumber(os.getenv("DELAY_MS") or "2")

delay = function()
  return pause
end
