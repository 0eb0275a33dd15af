#!/usr/bin/env bash
# Personal-information access log load test (issue 4 §8) against a host whose piaccess schema holds PI_EVENTS seeded
# events: HTTP single-event ingest through group commit, HTTP batch ingest (100 events per request), and the
# data-subject query (random customers), side by side with /health/live.
#
#   tests/ConsumerProtection.Benchmarks/load/run-piaccess-load.sh                     # 10,000,000 events
#   PI_EVENTS=1000000 RUNS=3 tests/ConsumerProtection.Benchmarks/load/run-piaccess-load.sh
#
# The seeded folder is kept in SEED_DIR (default /tmp/cp-seed-pi-$PI_EVENTS) and reused (ingest runs add to it).
# Events/s of the batch endpoint = its req/s x 100. INGEST_CONNECTIONS (64) for the ingest endpoints: group commit
# gathers what is in flight, so single-event throughput grows with concurrent clients.
set -euo pipefail

PI_EVENTS="${PI_EVENTS:-10000000}"
SEED_DIR="${SEED_DIR:-${TMPDIR:-/tmp}/cp-seed-pi-${PI_EVENTS}}"
export FIXED_DATA_DIR="${SEED_DIR}"
export BACKGROUND_JOBS="${BACKGROUND_JOBS:-false}"
INGEST_CONNECTIONS="${INGEST_CONNECTIONS:-64}"
ENDPOINTS=("health-live|GET|/health/live|none")

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { apt-get install -y sqlite3 >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y sqlite3 >/dev/null; }; }

seed_once() {
  if [[ -f "${SEED_DIR}/piaccess.db" ]]; then
    log "reusing $(sqlite3 "${SEED_DIR}/piaccess.db" 'SELECT MAX(seq) FROM access_event') events in ${SEED_DIR}"
    return
  fi
  mkdir -p "${SEED_DIR}"
  log "seeding ${PI_EVENTS} access events into ${SEED_DIR}"
  local start
  start="$(now_ms)"
  (cd "${BIN_DIR}" && Storage__DataDirectory="${SEED_DIR}" Logging__LogLevel__Default=Warning ./ConsumerProtection.Host seed --pi-events "${PI_EVENTS}") >&2
  log "seeded in $(( ($(now_ms) - start) / 1000 )) s; files: $(du -sh "${SEED_DIR}" | cut -f1)"
}

# Called by run_all once the host is up: a SystemClient key, bodies with fresh placeholders, random customers.
before_measure() {
  local admin_key="$1" db="${SEED_DIR}/piaccess.db"
  SYSTEM_KEY="$(curl -fsS -X POST -H "X-Api-Key: ${admin_key}" -H 'Content-Type: application/json' \
    --data '{"name":"load-ingest","roles":["SystemClient"]}' "${BASE}/api/v1/admin/api-keys" | sed -E 's/.*"secret":"([^"]+)".*/\1/')"
  export SYSTEM_KEY
  local now
  now="$(date -u -d '-10 seconds' +%Y-%m-%dT%H:%M:%SZ)"
  # A per-run placeholder (8xxx) so this run's sanity request is new, not a clash with an earlier run's.
  local run_tag
  run_tag="$(printf '%03x' $(( RANDOM % 4096 )))"
  sed "s/__NOW__/${now}/; s/-8000-/-8${run_tag}-/" "${SCRIPT_DIR}/pi-event.json" >"${WORK_DIR}/pi-event.json"
  # 100 events with placeholder ids ...00 to ...99, each replaced per request by pi-ids.lua.
  {
    printf '{"events":['
    for i in $(seq 0 99); do
      (( i > 0 )) && printf ','
      sed "s/000000000000\"/0000000000$(printf '%02d' "${i}")\"/" "${WORK_DIR}/pi-event.json" | tr -d '\n'
    done
    printf ']}'
  } >"${WORK_DIR}/pi-batch.json"
  # The data-subject query: random seeded customers.
  {
    echo "local refs = {"
    sqlite3 "${db}" "SELECT DISTINCT '\"' || customer_ref || '\",' FROM access_event WHERE seq IN (SELECT abs(random()) % (SELECT MAX(seq) FROM access_event) + 1 FROM access_event LIMIT 5000) AND customer_ref IS NOT NULL"
    echo "}"
    cat <<'LUA'
math.randomseed(42)
request = function()
  return wrk.format(nil, (string.gsub(SUBJECT_PATH, "__REF__", refs[math.random(#refs)])))
end
LUA
  } >"${WORK_DIR}/subject.lua"
  local first
  first="$(sqlite3 "${db}" 'SELECT customer_ref FROM access_event WHERE customer_ref IS NOT NULL LIMIT 1')"
  sed "1i SUBJECT_PATH = \"${REPORT_PATH}\"" "${WORK_DIR}/subject.lua" >"${WORK_DIR}/report.lua"
  sed -i "1i SUBJECT_PATH = \"${SUBJECT_PATH}\"" "${WORK_DIR}/subject.lua"
  ENDPOINTS=(
    "health-live|GET|/health/live|none"
    "subject-query|GET|${SUBJECT_PATH//__REF__/${first}}|admin||${WORK_DIR}/subject.lua"
    "subject-report|GET|${REPORT_PATH//__REF__/${first}}|admin||${WORK_DIR}/report.lua"
    "ingest-single|POST|/api/v1/pi-access/events|system|${WORK_DIR}/pi-event.json|${SCRIPT_DIR}/pi-ids.lua|${INGEST_CONNECTIONS}"
    "ingest-batch100|POST|/api/v1/pi-access/events/batch|system|${WORK_DIR}/pi-batch.json|${SCRIPT_DIR}/pi-ids.lua|${INGEST_CONNECTIONS}"
  )
}

# The data-subject query (the customer's newest 50 accesses) and the full PIPL art. 45 report; __REF__ is a customer reference.
SUBJECT_PATH="${SUBJECT_PATH:-/api/v1/pi-access/events?customerReference=__REF__&limit=50}"
REPORT_PATH="${REPORT_PATH:-/api/v1/pi-access/subjects/__REF__/report}"

ensure_tools
build_host
export SKIP_BUILD=1
seed_once
run_all "$@"
