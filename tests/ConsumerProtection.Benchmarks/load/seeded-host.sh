#!/usr/bin/env bash
# Shared by run-complaint-read.sh, run-complaint-intake.sh and run-mixed-rss.sh (source it after setting PORT): seeds
# SEED_DIR (default /tmp/cp-seed-20000) with 20,000 complaints once, copies it to a temp folder D, starts the Release
# host on it with its runtime.env (rate limits raised, background jobs off unless BACKGROUND_JOBS=true) and waits for
# /health/ready. Sets BIN, SEED, D, PID and KEY; the EXIT
# trap stops the host and removes D.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
BIN="${BIN:-${ROOT}/Host/ConsumerProtection.Host/bin/Release/net10.0}"
SEED="${SEED_DIR:-${TMPDIR:-/tmp}/cp-seed-20000}"
if [[ ! -f "${SEED}/complaints.db" ]]; then
  mkdir -p "${SEED}"
  (cd "${BIN}" && Storage__DataDirectory="${SEED}" Logging__LogLevel__Default=Warning ./ConsumerProtection.Host seed --complaints 20000)
fi
D="$(mktemp -d)"; trap 'kill "${PID:-0}" 2>/dev/null || true; pkill -P $$ wrk 2>/dev/null || true; rm -rf "${D}"' EXIT
cp -r "${SEED}/." "${D}/"
(cd "${BIN}" && set -a && . ./runtime.env && set +a && exec env ASPNETCORE_URLS="http://127.0.0.1:${PORT}" ASPNETCORE_ENVIRONMENT=Production Storage__DataDirectory="${D}" \
  RateLimiting__PermitsPerSecond=1000000 RateLimiting__Burst=1000000 Logging__LogLevel__Default=Warning BackgroundJobs__Enabled="${BACKGROUND_JOBS:-false}" \
  ./ConsumerProtection.Host) >"${D}/host.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health/ready" 2>/dev/null && break; sleep 0.1; done
KEY="$(cat "${D}/bootstrap-admin-key.txt")"
