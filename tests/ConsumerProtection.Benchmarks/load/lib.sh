#!/usr/bin/env bash
# Shared functions of the load scripts (run-load.sh, run-complaints-load.sh). Source it after defining ENDPOINTS.
# An endpoint is "label|method|path|auth[|body-file[|lua-file[|connections]]]": auth is "none", "admin" or "system"
# (the SystemClient key in SYSTEM_KEY, set by a before_measure hook); body-file
# (relative to this folder) is sent as JSON; lua-file is extra wrk Lua (e.g. a request() that varies the path);
# connections overrides CONNECTIONS for that endpoint (e.g. few for a heavy report).
RUNS="${RUNS:-1}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-3s}"
PORT="${PORT:-5199}"
HOST_ADDR="127.0.0.1"
BASE="http://${HOST_ADDR}:${PORT}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${SCRIPT_DIR}/../../.." && pwd)"
HOST_PROJECT="${ROOT}/Host/ConsumerProtection.Host"
BIN_DIR="${BIN_DIR:-${HOST_PROJECT}/bin/Release/net10.0}"  # BIN_DIR=<folder> (with SKIP_BUILD=1) runs another build
WORK_DIR="$(mktemp -d -t cp-load.XXXXXX)"
HOST_PID=""

log() { printf '[load] %s\n' "$*" >&2; }

stop_host() {
  if [[ -n "${HOST_PID}" ]] && kill -0 "${HOST_PID}" 2>/dev/null; then
    kill -TERM "${HOST_PID}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "${HOST_PID}" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "${HOST_PID}" 2>/dev/null || true
    wait "${HOST_PID}" 2>/dev/null || true
  fi
  HOST_PID=""
}

cleanup() {
  stop_host
  if [[ "${KEEP_DATA:-0}" == "1" ]]; then
    log "kept ${WORK_DIR}"
  else
    rm -rf "${WORK_DIR}"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# CPU idle percentage of the whole machine over 2 s: other work on the box skews every figure below.
idle_pct() {
  local a b
  read -r -a a < <(head -n1 /proc/stat)
  sleep 2
  read -r -a b < <(head -n1 /proc/stat)
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * (b[4] - a[4]) / total : 0 ))
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

ensure_tools() {
  if ! command -v wrk >/dev/null 2>&1; then
    log "wrk not found; installing it with apt-get"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
  command -v curl >/dev/null 2>&1 || { log "curl is required"; exit 1; }
}

build_host() {
  if [[ "${SKIP_BUILD:-0}" == "1" && -x "${BIN_DIR}/ConsumerProtection.Host" ]]; then
    log "reusing the Release build in ${BIN_DIR}"
    return
  fi
  log "building the host (Release)"
  dotnet build -c Release "${HOST_PROJECT}" -nologo -v q >"${WORK_DIR}/build.log" 2>&1 \
    || { cat "${WORK_DIR}/build.log" >&2; exit 1; }
}

# The runtime settings the host ships for its service environment (runtime.env beside it; ADR 0009).
load_runtime_env() { if [[ -f ./runtime.env ]]; then set -a; . ./runtime.env; set +a; else log "no runtime.env in $(pwd) (a build before ADR 0009)"; fi; }

port_in_use() { (exec 3<>"/dev/tcp/${HOST_ADDR}/${PORT}") 2>/dev/null; }

# Starts a host on a fresh data folder; sets HOST_PID, COLD_START_MS and DATA_DIR.
start_host() {
  local run="$1"
  DATA_DIR="${FIXED_DATA_DIR:-${WORK_DIR}/data-${run}}"
  mkdir -p "${DATA_DIR}"
  if port_in_use; then
    log "port ${PORT} on ${HOST_ADDR} is already in use; set PORT"
    exit 1
  fi
  local start
  start="$(now_ms)"
  # The build output folder is the content root (it holds appsettings.json); data goes to the temp folder.
  (
    cd "${BIN_DIR}"
    load_runtime_env
    exec env \
      ASPNETCORE_URLS="${BASE}" \
      ASPNETCORE_ENVIRONMENT=Production \
      Storage__DataDirectory="${DATA_DIR}" \
      RateLimiting__PermitsPerSecond=1000000 \
      RateLimiting__Burst=1000000 \
      Logging__LogLevel__Default=Warning \
      Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning \
      BackgroundJobs__Enabled="${BACKGROUND_JOBS:-true}" \
      ./ConsumerProtection.Host
  ) >"${WORK_DIR}/host-${run}.log" 2>&1 &
  HOST_PID=$!

  local deadline=$(( start + 60000 ))
  until curl -fsS -o /dev/null "${BASE}/health/live" 2>/dev/null; do
    if ! kill -0 "${HOST_PID}" 2>/dev/null; then
      log "the host exited during start-up:"; cat "${WORK_DIR}/host-${run}.log" >&2; exit 1
    fi
    (( $(now_ms) < deadline )) || { log "no /health/live within 60 s"; exit 1; }
    sleep 0.01
  done
  COLD_START_MS=$(( $(now_ms) - start ))

  until curl -fsS -o /dev/null "${BASE}/health/ready" 2>/dev/null; do
    (( $(now_ms) < deadline )) || { log "no /health/ready within 60 s"; curl -sS "${BASE}/health/ready" >&2 || true; exit 1; }
    sleep 0.05
  done
}

# The host's user+system CPU time in clock ticks (fields 14 and 15 of /proc/<pid>/stat).
host_cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/${HOST_PID}/stat"; }

idle_rss_mb() {
  sleep 3
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/${HOST_PID}/status"
}

# A body file is relative to this folder unless absolute.
body_path() { if [[ "$1" == /* ]]; then echo "$1"; else echo "${SCRIPT_DIR}/$1"; fi; }

# Writes a wrk Lua script for one endpoint: method, headers, body, and a machine-readable result line.
write_lua() {
  local file="$1" method="$2" auth="$3" body="$4" key="$5" extra="${6:-}"
  {
    echo "wrk.method = \"${method}\""
    if [[ "${auth}" == "admin" ]]; then
      echo "wrk.headers[\"X-Api-Key\"] = \"${key}\""
    elif [[ "${auth}" == "system" ]]; then
      echo "wrk.headers[\"X-Api-Key\"] = \"${SYSTEM_KEY}\""
    elif [[ "${auth}" != "none" ]]; then
      log "unknown auth '${auth}' (use none or admin)"; exit 1
    fi
    if [[ -n "${body}" ]]; then
      echo "wrk.headers[\"Content-Type\"] = \"application/json\""
      echo "local f = assert(io.open(\"$(body_path "${body}")\", \"rb\"))"
      echo "wrk.body = f:read(\"*a\")"
      echo "f:close()"
    fi
    [[ -n "${extra}" ]] && cat "${extra}"
    cat <<'LUA'
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
  } >"${file}"
}

# Checks and warms up every endpoint (so the shared pipeline is jitted before any is measured), then
# measures each in turn; appends "run label rps p50 p99 cpu-us-per-request" lines to RESULTS.
measure_endpoints() {
  local run="$1" key="$2"
  for entry in "${ENDPOINTS[@]}"; do
    IFS='|' read -r label method path auth body extra conns <<<"${entry}"
    local lua="${WORK_DIR}/${label}.lua"
    write_lua "${lua}" "${method}" "${auth}" "${body:-}" "${key}" "${extra:-}"

    # A sanity request first: a non-2xx here would make the numbers meaningless.
    local curl_args=(-sS -o /dev/null -w '%{http_code}' -X "${method}")
    [[ "${auth}" == "admin" ]] && curl_args+=(-H "X-Api-Key: ${key}")
    [[ "${auth}" == "system" ]] && curl_args+=(-H "X-Api-Key: ${SYSTEM_KEY}")
    [[ -n "${body:-}" ]] && curl_args+=(-H 'Content-Type: application/json' --data-binary "@$(body_path "${body}")")
    local status
    status="$(curl "${curl_args[@]}" "${BASE}${path}")"
    [[ "${status}" == 2* ]] || { log "${label}: ${method} ${path} answered ${status}"; exit 1; }

    wrk -t"${THREADS}" -c"${conns:-${CONNECTIONS}}" -d"${WARMUP}" -s "${lua}" "${BASE}${path}" >/dev/null
  done

  for entry in "${ENDPOINTS[@]}"; do
    IFS='|' read -r label method path auth body extra conns <<<"${entry}"
    local lua="${WORK_DIR}/${label}.lua" out="${WORK_DIR}/wrk-${run}-${label}.txt"
    local cpu_before cpu_after
    cpu_before="$(host_cpu_ticks)"
    wrk -t"${THREADS}" -c"${conns:-${CONNECTIONS}}" -d"${DURATION}" --timeout 10s --latency -s "${lua}" "${BASE}${path}" >"${out}"
    cpu_after="$(host_cpu_ticks)"
    local rps p50 p99 total errors
    read -r _ rps p50 p99 total errors < <(grep '^RESULT ' "${out}")
    if (( errors > 0 )); then
      log "${label}: ${errors} of ${total} requests failed or answered non-2xx (see below)"; cat "${out}" >&2; exit 1
    fi
    # Host CPU per request is less sensitive than req/s to wrk and other processes sharing the cores.
    local cpu_us
    cpu_us="$(awk -v t="$(( cpu_after - cpu_before ))" -v hz="$(getconf CLK_TCK)" -v n="${total}" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
    echo "${run} ${label} ${rps} ${p50} ${p99} ${cpu_us}" >>"${RESULTS}"
  done
}

# Prints the endpoint table for one run (or for the medians when given "median").
print_table() {
  local which="$1"
  awk -v which="${which}" '
    $1 == which {
      n++; label[n] = $2; rps[n] = $3; p50[n] = $4; p99[n] = $5; cpu[n] = $6
    }
    END {
      printf "%-14s %12s %10s %10s %10s %14s\n", "endpoint", "req/s", "p50 ms", "p99 ms", "ratio", "host CPU us/req"
      for (i = 1; i <= n; i++) {
        ratio = (i == 1) ? "baseline" : sprintf("%.2f", rps[i] / rps[1])
        printf "%-14s %12.0f %10.3f %10.3f %10s %14.1f\n", label[i], rps[i], p50[i], p99[i], ratio, cpu[i]
      }
    }' "${RESULTS}"
}

# ONLY="health-live ingest-single": measure just the endpoints with these labels (the first stays the baseline).
only_endpoints() {
  [[ -n "${ONLY:-}" ]] || return 0
  local kept=() entry
  for entry in "${ENDPOINTS[@]}"; do
    [[ " ${ONLY} " == *" ${entry%%|*} "* ]] && kept+=("${entry}")
  done
  (( ${#kept[@]} > 0 )) || { log "ONLY='${ONLY}' matches no endpoint"; exit 1; }
  ENDPOINTS=("${kept[@]}")
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run_all() {
  ensure_tools
  build_host
  RESULTS="${WORK_DIR}/results.txt"
  : >"${RESULTS}"
  : >"${WORK_DIR}/host-stats.txt"
  local idle
  idle="$(idle_pct)"
  log "machine: $(nproc) cores, ${idle}% idle before the run; wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} (warm-up ${WARMUP})"
  (( idle >= 90 )) || log "warning: the machine is busy with other work; expect noisy figures"

  for run in $(seq 1 "${RUNS}"); do
    start_host "${run}"
    local rss key
    rss="$(idle_rss_mb)"
    key="$(head -n1 "${DATA_DIR}/bootstrap-admin-key.txt" | tr -d '\r\n')"
    if declare -F before_measure >/dev/null; then before_measure "${key}"; fi
    only_endpoints
    measure_endpoints "${run}" "${key}"
    stop_host
    echo "${run} ${COLD_START_MS} ${rss}" >>"${WORK_DIR}/host-stats.txt"

    echo
    echo "== run ${run}/${RUNS}: cold start ${COLD_START_MS} ms, idle RSS ${rss} MB"
    print_table "${run}"
  done

  if (( RUNS > 1 )); then
    for entry in "${ENDPOINTS[@]}"; do
      IFS='|' read -r label _ <<<"${entry}"
      local col values=()
      for col in 3 4 5 6; do
        values+=("$(awk -v l="${label}" -v c="${col}" '$2 == l && $1 != "median" { print $c }' "${RESULTS}" | median)")
      done
      echo "median ${label} ${values[*]}" >>"${RESULTS}"
    done
    echo
    echo "== median of ${RUNS} runs: cold start $(awk '{ print $2 }' "${WORK_DIR}/host-stats.txt" | median) ms," \
      "idle RSS $(awk '{ print $3 }' "${WORK_DIR}/host-stats.txt" | median) MB"
    print_table median
  fi
}

