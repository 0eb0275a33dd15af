#!/usr/bin/env bash
# Complaint GET by id beside /health/live, side by side on one host (issue 12's "complaint GET by id / health" ratio):
# 3 runs of each (wrk -t2 -c32, DUR seconds, after a warm-up), req/s and host CPU µs per request from /proc.
#
#   tests/ConsumerProtection.Benchmarks/load/run-complaint-read.sh            # seeds 20,000 complaints once
#   Complaints__ViewCacheEntries=0 tests/ConsumerProtection.Benchmarks/load/run-complaint-read.sh   # view cache off
#
# Needs a Release build (dotnet build Host/ConsumerProtection.Host -c Release), wrk and sqlite3.
set -euo pipefail
PORT="${PORT:-5301}"
DUR="${DUR:-8}"
source "$(dirname "${BASH_SOURCE[0]}")/seeded-host.sh"
{ echo "local ids = {"; sqlite3 "${D}/complaints.db" "SELECT '\"' || id || '\",' FROM complaint ORDER BY random() LIMIT 2000"; echo "}"
  cat <<LUA
wrk.headers["X-Api-Key"] = "${KEY}"
math.randomseed(42)
request = function() return wrk.format(nil, "/api/v1/complaints/" .. ids[math.random(#ids)]) end
LUA
} >"${D}/get.lua"
echo "wrk.headers[\"X-Api-Key\"] = \"${KEY}\"" >"${D}/health.lua"
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/${PID}/stat"; }
measure() {
  local name="$1" lua="$2" path="$3"
  wrk -t2 -c32 -d3s -s "${lua}" "http://127.0.0.1:${PORT}${path}" >/dev/null
  for run in 1 2 3; do
    local before after out n rps
    before="$(ticks)"; out="$(wrk -t2 -c32 -d"${DUR}"s -s "${lua}" "http://127.0.0.1:${PORT}${path}")"; after="$(ticks)"
    n="$(echo "${out}" | awk '/requests in/ {print $1}')"; rps="$(echo "${out}" | awk '/Requests\/sec/ {print $2}')"
    echo "${name} run${run} rps=${rps} cpu_us_per_req=$(( (after - before) * 10000 / n ))"
  done
}
measure health "${D}/health.lua" /health/live
measure complaint-by-id "${D}/get.lua" /api/v1/complaints/x
echo "RSS $(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/${PID}/status") MB"
