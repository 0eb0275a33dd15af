#!/usr/bin/env bash
# Host memory under mixed load (issue 12's "host RSS after 5 minutes of mixed load" row): one host on a copy of the
# 20,000-complaint seed, driven for DUR seconds (default 300) by five wrk clients at once — complaint GET by id,
# complaint intake (distinct consumers), a filtered complaint list, single access-log events and data-subject queries of
# the access log — while VmRSS, RssAnon (heap, stacks: what the process itself allocated), RssFile (mapped code) and
# RssShmem (SQLite's WAL index files) are sampled every 10 s. Prints the samples, the peak and the value at the end.
#
#   tests/ConsumerProtection.Benchmarks/load/run-mixed-rss.sh
#   DUR=60 tests/ConsumerProtection.Benchmarks/load/run-mixed-rss.sh     # a shorter run
#
# Needs a Release build (dotnet build Host/ConsumerProtection.Host -c Release), wrk and sqlite3.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${PORT:-5302}"
DUR="${DUR:-300}"
BACKGROUND_JOBS=true # the host as it runs in production, periodic jobs included
source "${HERE}/seeded-host.sh"
BASE="http://127.0.0.1:${PORT}"
ADMIN="${KEY}"
key() { curl -fsS -X POST -H "X-Api-Key: ${ADMIN}" -H 'Content-Type: application/json' --data "$1" "${BASE}/api/v1/admin/api-keys" | sed -E 's/.*"secret":"([^"]+)".*/\1/'; }
SYSTEM="$(key '{"name":"mixed-ingest","roles":["SystemClient"]}')"
PRIVACY="$(key '{"name":"mixed-privacy","roles":["PrivacyOfficer"]}')"

# Complaint reads and a filtered list (admin), intake with a fresh consumer phone per request.
{ echo "local ids = {"; sqlite3 "${D}/complaints.db" "SELECT '\"' || id || '\",' FROM complaint ORDER BY random() LIMIT 2000"; echo "}"
  cat <<LUA
wrk.headers["X-Api-Key"] = "${ADMIN}"
math.randomseed(42)
request = function() return wrk.format(nil, "/api/v1/complaints/" .. ids[math.random(#ids)]) end
LUA
} >"${D}/get.lua"
sed "s/__NOW__/$(date -u +%Y-%m-%dT%H:%M:%SZ)/" "${HERE}/complaint-body.json" >"${D}/complaint.json"
cat >"${D}/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["X-Api-Key"] = "${ADMIN}"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("${D}/complaint.json"); wrk.body = f:read("*a"); f:close()
math.randomseed(7)
request = function()
  return wrk.format(nil, nil, nil, (string.gsub(wrk.body, "%+86 138 0000 0000", string.format("+86 139 %08d", math.random(0, 99999999)))))
end
LUA
BRANCH="$(sqlite3 "${D}/complaints.db" "SELECT branch_id FROM complaint GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1")"
echo "wrk.headers[\"X-Api-Key\"] = \"${ADMIN}\"" >"${D}/admin.lua"

# Access-log events with fresh ids (pi-ids.lua), and data-subject queries over customers the run itself logs.
sed "s/__NOW__/$(date -u -d '-10 seconds' +%Y-%m-%dT%H:%M:%SZ)/" "${HERE}/pi-event.json" >"${D}/pi-event.json"
{ echo "wrk.method = \"POST\"; wrk.headers[\"X-Api-Key\"] = \"${SYSTEM}\"; wrk.headers[\"Content-Type\"] = \"application/json\""
  echo "local f = io.open(\"${D}/pi-event.json\"); wrk.body = f:read(\"*a\"); f:close()"
  cat "${HERE}/pi-ids.lua"; } >"${D}/ingest.lua"
CUSTOMER="$(sed -nE 's/.*"customerReference": *"([^"]+)".*/\1/p' "${D}/pi-event.json" | head -1)"
echo "wrk.headers[\"X-Api-Key\"] = \"${PRIVACY}\"" >"${D}/privacy.lua"

sample() { awk -v t="$1" '/^VmRSS:/ {r=$2} /^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} /^RssShmem:/ {s=$2} END {printf "%4ss  VmRSS %4.0f MB  RssAnon %4.0f MB  RssFile %4.0f MB  RssShmem %3.0f MB\n", t, r/1024, a/1024, f/1024, s/1024}' "/proc/${PID}/status"; }
echo "host pid ${PID}; ${DUR} s of mixed load on 127.0.0.1:${PORT}"
sample 0
run() { wrk -t1 -c"$1" -d"${DUR}"s -s "$2" "${BASE}$3" >"${D}/$4.out" 2>&1 & }
run 8 "${D}/get.lua" /api/v1/complaints/x get
run 8 "${D}/create.lua" /api/v1/complaints create
run 2 "${D}/admin.lua" "/api/v1/complaints?branchId=${BRANCH}&status=InProgress&sort=-receivedAt&pageSize=50" list
run 16 "${D}/ingest.lua" /api/v1/pi-access/events ingest
run 4 "${D}/privacy.lua" "/api/v1/pi-access/events?customerReference=${CUSTOMER}&limit=50" subject
peak=0
for t in $(seq 10 10 "${DUR}"); do
  sleep 10
  sample "${t}"
  now="$(awk '/^VmRSS:/ {print $2}' "/proc/${PID}/status")"; (( now > peak )) && peak="${now}"
done
wait $(jobs -p | grep -v "^${PID}$") 2>/dev/null || true
for name in get create list ingest subject; do
  printf '%-8s %s req/s, %s non-2xx\n' "${name}" "$(awk '/Requests\/sec/ {print $2}' "${D}/${name}.out")" "$(awk '/Non-2xx/ {print $5}' "${D}/${name}.out" | grep . || echo 0)"
done
echo "peak VmRSS $(( peak / 1024 )) MB; at the end: $(sample "${DUR}")"
