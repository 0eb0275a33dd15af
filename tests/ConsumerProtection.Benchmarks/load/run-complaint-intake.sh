#!/usr/bin/env bash
# Complaint intake (issue 12's "complaint intake" row): POST /api/v1/complaints with distinct consumers, 32 clients,
# durable (each 201 follows the group commit that stored it, ADR 0007), on a copy of a seeded folder.
# RUNS runs (default 3) of wrk -t2 -c32 -dDUR after a WARMUP (20) s warm-up: creates/s, p99, and host CPU µs per create from /proc.
#
#   tests/ConsumerProtection.Benchmarks/load/run-complaint-intake.sh             # seeds 20,000 complaints once
#   TRACE=1 tests/ConsumerProtection.Benchmarks/load/run-complaint-intake.sh     # first a traced run0 (15 s dotnet-trace), not counted
#
# Needs a Release build (dotnet build Host/ConsumerProtection.Host -c Release), wrk and sqlite3.
set -euo pipefail
PORT="${PORT:-5302}"
DUR="${DUR:-15}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-20}"
source "$(dirname "${BASH_SOURCE[0]}")/seeded-host.sh"
sed "s/__NOW__/$(date -u +%Y-%m-%dT%H:%M:%SZ)/" "$(dirname "${BASH_SOURCE[0]}")/complaint-body.json" >"${D}/body.json"
# Every complaint gets its own consumer phone, as in real intake (one shared phone would make every filing a repeat).
cat >"${D}/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["X-Api-Key"] = "${KEY}"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("${D}/body.json", "rb")); wrk.body = f:read("*a"); f:close()
local n = 0
request = function()
  n = n + 1
  local body = string.gsub(wrk.body, "%+86 138 0000 0000", string.format("+86 139 %04d %04d", math.random(0, 9999), n % 10000))
  return wrk.format(nil, nil, nil, body)
end
function done(summary, latency, requests)
  io.write(string.format("RESULT %d %.1f %.3f %d\n", summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
URL="http://127.0.0.1:${PORT}/api/v1/complaints"
code="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H "X-Api-Key: ${KEY}" -H 'Content-Type: application/json' --data-binary "@${D}/body.json" "${URL}")"
[[ "${code}" == 201 ]] || { echo "sanity POST answered ${code}" >&2; exit 1; }
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/${PID}/stat"; }
echo "uptime before: $(uptime)"
# A long warm-up: with a 5 s one the first run still paid for JIT tiering (host CPU per create ~3x the later runs).
wrk -t2 -c32 -d"${WARMUP}"s -s "${D}/create.lua" "${URL}" >/dev/null
first=1; [[ "${TRACE:-0}" == 1 ]] && first=0
for run in $(seq "${first}" "${RUNS}"); do
  if [[ "${run}" == 0 ]]; then
    ~/.dotnet/tools/dotnet-trace collect -p "${PID}" --duration 00:00:00:15 -o "${TRACE_OUT:-/tmp/intake.nettrace}" >/dev/null 2>&1 &
    TPID=$!; sleep 2
  fi
  before="$(ticks)"; out="$(wrk -t2 -c32 -d"${DUR}"s --latency -s "${D}/create.lua" "${URL}")"; after="$(ticks)"
  read -r _ n rps p99 errors < <(echo "${out}" | grep '^RESULT ')
  echo "intake run${run} creates/s=${rps} p99_ms=${p99} errors=${errors} host_cpu_us_per_create=$(( (after - before) * 10000 / n )) load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
  [[ -n "${TPID:-}" ]] && { wait "${TPID}" || true; TPID=""; }
done
echo "complaints stored: $(sqlite3 "${D}/complaints.db" 'SELECT COUNT(*) FROM complaint')"
echo "RSS $(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/${PID}/status") MB"
