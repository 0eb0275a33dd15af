#!/usr/bin/env bash
# Training benchmark: `seed --training STAFF` (40 attendance rows each: 50,000 staff = 2,000,000 rows), then, against
# the running host on loopback, the annual coverage report by branch (RUNS timed calls after one warm-up; min, p50,
# max) and the HR roster import of STAFF rows as CSV (a first run adding them all, a second run of the same file
# that changes nothing). Curl's time_total, one client, background jobs off.
#
#   tests/ConsumerProtection.Benchmarks/load/run-training-bench.sh
#   STAFF=10000 RUNS=10 CONFIG=Debug tests/ConsumerProtection.Benchmarks/load/run-training-bench.sh
#
# The seeded folder is kept in SEED_DIR (default /tmp/cp-training-$STAFF) and reused; the import runs on a copy.
set -euo pipefail

STAFF="${STAFF:-50000}"
RUNS="${RUNS:-20}"
CONFIG="${CONFIG:-Release}"
PORT="${PORT:-5198}"
BASE="http://127.0.0.1:${PORT}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
BIN="${ROOT}/Host/ConsumerProtection.Host/bin/${CONFIG}/net10.0"
SEED_DIR="${SEED_DIR:-${TMPDIR:-/tmp}/cp-training-${STAFF}}"
WORK="$(mktemp -d -t cp-training-bench.XXXXXX)"
HOST_PID=""

log() { printf '[training-bench] %s\n' "$*" >&2; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cleanup() { [[ -n "${HOST_PID}" ]] && kill -TERM "${HOST_PID}" 2>/dev/null && wait "${HOST_PID}" 2>/dev/null; rm -rf "${WORK}"; }
trap cleanup EXIT

[[ -x "${BIN}/ConsumerProtection.Host" ]] || dotnet build -c "${CONFIG}" "${ROOT}/Host/ConsumerProtection.Host" -v q >&2
if [[ ! -f "${SEED_DIR}/training.db" ]]; then
  mkdir -p "${SEED_DIR}"
  log "seeding ${STAFF} staff into ${SEED_DIR}"
  start="$(now_ms)"
  (cd "${BIN}" && Storage__DataDirectory="${SEED_DIR}" Logging__LogLevel__Default=Warning ./ConsumerProtection.Host seed --training "${STAFF}") >&2
  log "seeded in $(( ($(now_ms) - start) / 1000 )) s"
fi
cp -a "${SEED_DIR}/." "${WORK}/"

(cd "${BIN}" && set -a && . ./runtime.env && set +a && Storage__DataDirectory="${WORK}" BackgroundJobs__Enabled=false Logging__LogLevel__Default=Warning \
  RateLimiting__PermitsPerSecond=100000 RateLimiting__Burst=100000 ASPNETCORE_URLS="${BASE}" exec ./ConsumerProtection.Host >"${WORK}/host.log" 2>&1) &
HOST_PID=$!
for _ in $(seq 1 900); do curl -sf "${BASE}/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
[[ -f "${WORK}/bootstrap-admin-key.txt" ]] || { log "host did not start:"; tail -20 "${WORK}/host.log" >&2; exit 1; }
ADMIN="$(cat "${WORK}/bootstrap-admin-key.txt")"
KEY="$(curl -sf -H "X-Api-Key: ${ADMIN}" -H 'Content-Type: application/json' -d '{"name":"bench","roles":["TrainingAdmin"]}' \
  "${BASE}/api/v1/admin/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')"
YEAR="$(date -u +%Y)"

url="${BASE}/api/v1/training/coverage?year=${YEAR}&period=Year&by=Branch"
curl -sf -o "${WORK}/report.json" -H "X-Api-Key: ${KEY}" "${url}"
log "report: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["units"]), "branches, total", r["total"])' "${WORK}/report.json")"
cpu_ticks() { awk '{print $14 + $15}' "/proc/${HOST_PID}/stat" 2>/dev/null || echo 0; }
cpu_before="$(cpu_ticks)"
for _ in $(seq 1 "${RUNS}"); do
  curl -sf -o /dev/null -w '%{time_total}\n' -H "X-Api-Key: ${KEY}" "${url}"
done | sort -n > "${WORK}/times"
# The host's CPU time (user + system) over the timed calls: a figure less sensitive to other load on a shared machine.
log "host CPU over ${RUNS} report calls: $(( ($(cpu_ticks) - cpu_before) * 1000 / $(getconf CLK_TCK) / RUNS )) ms per call"
python3 - "${WORK}/times" <<'PY'
import sys
t = [float(x) * 1000 for x in open(sys.argv[1])]
print(f"coverage Year by Branch: runs {len(t)}, min {t[0]:.0f} ms, p50 {t[len(t)//2]:.0f} ms, max {t[-1]:.0f} ms")
PY

python3 - "${STAFF}" "${WORK}/roster.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("staffId,name,branchId,department,roleCategory,position,hireDate,leaveDate\r\n")
    cats = ["SeniorManagement", "MiddleManagement", "FrontLine", "BackOffice", "NewHire"]
    for i in range(n):
        f.write(f"I{i:07d},员工{i},B{i % 100:03d},D{i % 20:02d},{cats[i % 5]},,20{10 + i % 15:02d}-0{1 + i % 9}-1{i % 10},\r\n")
PY
for run in first repeat; do
  start="$(now_ms)"
  out="$(curl -sf -H "X-Api-Key: ${KEY}" -H 'Content-Type: text/csv' --data-binary "@${WORK}/roster.csv" "${BASE}/api/v1/training/staff/import")"
  echo "import ${STAFF} rows (${run}): $(( $(now_ms) - start )) ms; $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print({k: r[k] for k in ("added","changed","unchanged","deactivated")})' "${out}")"
done
