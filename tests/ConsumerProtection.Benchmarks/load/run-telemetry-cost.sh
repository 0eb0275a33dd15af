#!/usr/bin/env bash
# Telemetry cost (issue 13 §1): the access-log ingest load (run-piaccess-load.sh) with telemetry on — traces, metrics
# and the Prometheus exporter, as an operator runs it — and off, in PAIRS alternating pairs on one seeded folder
# (on/off, then off/on, ...), so drift of a shared machine and the growing log fall on both sides alike. Prints every
# run and the median per endpoint and mode, with the spread (min..max).
#
#   PAIRS=3 PI_EVENTS=200000 DURATION=8s tests/ConsumerProtection.Benchmarks/load/run-telemetry-cost.sh
#
# Other knobs as in run-piaccess-load.sh and lib.sh; ONLY (default "health-live ingest-single ingest-batch100").
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PAIRS="${PAIRS:-3}"
export ONLY="${ONLY:-health-live ingest-single ingest-batch100}"
OUT="$(mktemp -t cp-telemetry-cost.XXXXXX)"
trap 'rm -f "${OUT}"' EXIT

run_mode() {
  local pair="$1" mode="$2" enabled="false"
  [[ "${mode}" == "on" ]] && enabled="true"
  echo "[telemetry-cost] pair ${pair}, telemetry ${mode}" >&2
  Telemetry__Enabled="${enabled}" Telemetry__Prometheus__Enabled="${enabled}" \
    Telemetry__Prometheus__ScrapeToken="load-test-scrape-token-0123456789abcdef" RUNS=1 \
    "${SCRIPT_DIR}/run-piaccess-load.sh" | tee /dev/stderr \
    | awk -v mode="${mode}" -v pair="${pair}" '/^== run/ { table = 1; next } table && NF == 6 && $1 != "endpoint" { print mode, pair, $1, $2, $3, $4, $6 }' \
    >>"${OUT}"
  export SKIP_BUILD=1
}

for pair in $(seq 1 "${PAIRS}"); do
  if (( pair % 2 )); then run_mode "${pair}" on; run_mode "${pair}" off; else run_mode "${pair}" off; run_mode "${pair}" on; fi
done

echo
echo "== every run: mode pair endpoint req/s p50-ms p99-ms host-CPU-us/req"
sort -k3,3 -k1,1 -k2,2n "${OUT}"
echo
echo "== median (min..max) of ${PAIRS} runs per mode"
printf '%-16s %-4s %22s %18s %18s %22s\n' endpoint mode "req/s" "p50 ms" "p99 ms" "host CPU us/req"
for label in ${ONLY}; do
  for mode in on off; do
    cells=()
    for col in 4 5 6 7; do
      cells+=("$(awk -v l="${label}" -v m="${mode}" -v c="${col}" '$3 == l && $1 == m { print $c }' "${OUT}" | sort -g \
        | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.4g (%.4g..%.4g)", m, v[1], v[NR] }')")
    done
    printf '%-16s %-4s %22s %18s %18s %22s\n' "${label}" "${mode}" "${cells[@]}"
  done
done
