-- wrk script: HTTP Basic for the benchmark account (WRK_USER / WRK_PASS from the environment)
local user = os.getenv("WRK_USER") or "bench@example.test"
local pass = os.getenv("WRK_PASS") or "pass"
local function b64(s)
  local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  return ((s:gsub(".", function(x)
    local r, b = "", x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return chars:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#s % 3 + 1])
end
wrk.headers["Authorization"] = "Basic " .. b64(user .. ":" .. pass)
wrk.headers["Accept"] = "application/json"
