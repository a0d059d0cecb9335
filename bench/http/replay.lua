-- wrk script: replays requests from a file of "METHOD<TAB>PATH<TAB>BEARER-TOKEN" lines.
--   [LEDD_REPLICA_PORTS=PORT[,PORT...]] wrk -t T ... -s bench/http/replay.lua URL -- FILE [random|once] T
-- random: each request is a random line (for a fixed duration).
-- once:   the T threads split the lines (thread i takes every T-th line from the i-th)
--         and send each exactly once, then stop (for writes such as accepting an
--         invitation, which can succeed only once); a connection with nothing left to
--         send asks for /healthz until its thread stops.
-- With LEDD_REPLICA_PORTS (bench/http/replicas.sh), thread i connects to 127.0.0.1 at the
-- (i mod n)-th of those ports, so with T threads over n replicas each replica gets T/n
-- threads' connections (the URL only gives the Host header). Without it every thread
-- uses the URL's address.
local counter = 0

function setup(thread)
  local ports = {}
  for port in string.gmatch(os.getenv("LEDD_REPLICA_PORTS") or "", "%d+") do
    ports[#ports + 1] = port
  end
  if #ports > 0 then
    thread.addr = wrk.lookup("127.0.0.1", ports[counter % #ports + 1])[1]
  end
  thread:set("id", counter)
  counter = counter + 1
end

local requests = {}
local mode = "random"
local next_index = 1
local answered = 0
-- wrk calls request() once on its first thread before the run, to check the request
-- (script_verify_request); what that call returns is never sent.
local verifying = true

function init(args)
  mode = args[2] or "random"
  local thread_count = tonumber(args[3] or "1")
  local line_number = 0
  for line in io.lines(args[1]) do
    local method, path, token = line:match("^(%S+)\t(%S+)\t(%S+)$")
    if method then
      line_number = line_number + 1
      if mode ~= "once" or (line_number - 1) % thread_count == id then
        requests[#requests + 1] = wrk.format(method, path, {
          ["Authorization"] = "Bearer " .. token,
          ["Content-Type"] = "application/json",
        }, method == "GET" and nil or "{}")
      end
    end
  end
  if #requests == 0 then error("no requests for this thread in " .. args[1]) end
  math.randomseed(os.time() + id)
end

function request()
  if verifying and id == 0 then
    verifying = false
    return wrk.format("GET", "/healthz")
  end
  if mode == "once" then
    local index = next_index
    next_index = next_index + 1
    if index > #requests then return wrk.format("GET", "/healthz") end
    return requests[index]
  end
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  if mode ~= "once" then return end
  answered = answered + 1
  if answered >= #requests then wrk.thread:stop() end
end
