-- Fresh event ids for every request: each placeholder id 00000000-0000-4000-8xxx-0000000000NN in the body becomes a
-- random UUID, so every event is new (a resend would be a cheap duplicate and flatter the figures). Each wrk thread
-- seeds its own generator (setup runs once per thread in the main state; init in the thread's own state).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end
local function r16() return math.random(0, 0xffff) end
local function uuid()
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x", r16(), r16(), r16(), math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), r16(), r16(), r16())
end
request = function()
  local body = string.gsub(wrk.body, "00000000%-0000%-4000%-8%x%x%x%-0000000000%d%d", uuid)
  return wrk.format(nil, nil, nil, body)
end
