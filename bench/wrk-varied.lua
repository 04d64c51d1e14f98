-- wrk script: every request a different URL, read round-robin from a file of paths (one per
-- line, the first argument after `--`), each thread starting at its own place, and each with
-- `Cache-Control: no-cache` so that the server answers afresh, as a script walking many
-- kecamatan would make it. Reports with bench/wrk-summary.lua's RESULT line.
dofile("bench/wrk-summary.lua")

local paths = {}
local next_index = 1
local thread_count = 0

setup = function(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count * 7919)
end

init = function(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  assert(#paths > 0, "no paths in " .. tostring(args[1]))
  next_index = (offset or 0) % #paths + 1
end

request = function()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path, { ["Cache-Control"] = "no-cache" })
end
