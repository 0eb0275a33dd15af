#!/usr/bin/env bash
# Complaints load test (issue 3 §10) against a host whose complaints schema holds COMPLAINTS seeded complaints:
# GET by id (random ids) side by side with /health/live, a filtered list, POST create, and the monthly statistics
# of the busiest month.
#
#   tests/ConsumerProtection.Benchmarks/load/run-complaints-load.sh                 # 1,000,000 complaints
#   COMPLAINTS=100000 RUNS=3 tests/ConsumerProtection.Benchmarks/load/run-complaints-load.sh
#
# The seeded folder is kept in SEED_DIR (default /tmp/cp-seed-$COMPLAINTS) and reused by later runs, since seeding
# a million complaints takes minutes. Background jobs are off during measurement (BACKGROUND_JOBS=false) so a
# deadline sweep does not land inside a timed window. Other knobs as in run-load.sh; STATS_CONNECTIONS (2).
set -euo pipefail

COMPLAINTS="${COMPLAINTS:-1000000}"
SEED_DIR="${SEED_DIR:-${TMPDIR:-/tmp}/cp-seed-${COMPLAINTS}}"
export FIXED_DATA_DIR="${SEED_DIR}"
export BACKGROUND_JOBS="${BACKGROUND_JOBS:-false}"
STATS_CONNECTIONS="${STATS_CONNECTIONS:-2}"
ENDPOINTS=("health-live|GET|/health/live|none")

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { apt-get install -y sqlite3 >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y sqlite3 >/dev/null; }; }

seed_once() {
  if [[ -f "${SEED_DIR}/complaints.db" ]]; then
    log "reusing $(sqlite3 "${SEED_DIR}/complaints.db" 'SELECT COUNT(*) FROM complaint') complaints in ${SEED_DIR}"
    return
  fi
  mkdir -p "${SEED_DIR}"
  log "seeding ${COMPLAINTS} complaints into ${SEED_DIR}"
  local start
  start="$(now_ms)"
  (cd "${BIN_DIR}" && Storage__DataDirectory="${SEED_DIR}" Logging__LogLevel__Default=Warning ./ConsumerProtection.Host seed --complaints "${COMPLAINTS}") >&2
  log "seeded in $(( ($(now_ms) - start) / 1000 )) s; files: $(du -sh "${SEED_DIR}" | cut -f1)"
}

# Called by run_all once the host is up: picks ids and the busiest month, and adds the complaint endpoints.
before_measure() {
  local db="${SEED_DIR}/complaints.db" ids="${WORK_DIR}/ids.lua"
  {
    echo "local ids = {"
    sqlite3 "${db}" "SELECT '\"' || id || '\",' FROM complaint WHERE rowid IN (SELECT abs(random()) % (SELECT max(rowid) FROM complaint) + 1 FROM complaint LIMIT 5000)"
    echo "}"
    cat <<'LUA'
math.randomseed(42)
request = function()
  return wrk.format(nil, "/api/v1/complaints/" .. ids[math.random(#ids)])
end
LUA
  } >"${ids}"
  local first month branch
  first="$(sqlite3 "${db}" 'SELECT id FROM complaint LIMIT 1')"
  month="$(sqlite3 "${db}" "SELECT substr(received_date, 1, 7) FROM complaint GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1")"
  branch="$(sqlite3 "${db}" "SELECT branch_id FROM complaint GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1")"
  log "busiest month ${month} holds $(sqlite3 "${db}" "SELECT COUNT(*) FROM complaint WHERE received_date >= '${month}-01' AND received_date < '${month}-32'") complaints"
  sed "s/__NOW__/$(date -u +%Y-%m-%dT%H:%M:%SZ)/" "${SCRIPT_DIR}/complaint-body.json" >"${WORK_DIR}/complaint-body.json"
  # Every created complaint gets its own consumer phone, as in real intake (one shared phone would make every
  # filing a repeat of all the others and turn the repeat lookup into a growing scan).
  cat >"${WORK_DIR}/create-body.lua" <<'LUA'
math.randomseed(7)
request = function()
  local body = string.gsub(wrk.body, "%+86 138 0000 0000", string.format("+86 139 %08d", math.random(0, 99999999)))
  return wrk.format(nil, nil, nil, body)
end
LUA
  ENDPOINTS=(
    "health-live|GET|/health/live|none"
    "complaint-by-id|GET|/api/v1/complaints/${first}|admin||${ids}"
    "list-filtered|GET|/api/v1/complaints?branchId=${branch}&status=InProgress&sort=-receivedAt&pageSize=50|admin"
    "create|POST|/api/v1/complaints|admin|${WORK_DIR}/complaint-body.json|${WORK_DIR}/create-body.lua"
    "stats-month|GET|/api/v1/complaints/statistics/monthly/${month}|admin|||${STATS_CONNECTIONS}"
  )
}

ensure_tools
build_host
export SKIP_BUILD=1
seed_once
run_all "$@"
