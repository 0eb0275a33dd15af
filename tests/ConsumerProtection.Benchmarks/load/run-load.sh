#!/usr/bin/env bash
# Load test of a real host on loopback: cold start, idle memory, and wrk throughput/latency per endpoint.
#
#   tests/ConsumerProtection.Benchmarks/load/run-load.sh            # one run
#   RUNS=3 tests/ConsumerProtection.Benchmarks/load/run-load.sh     # three fresh hosts, then the medians
#
# Knobs (environment): RUNS (1), THREADS (2), CONNECTIONS (32), DURATION (15s), WARMUP (3s), PORT (5199),
# SKIP_BUILD=1 to reuse the last Release build, KEEP_DATA=1 to keep the temp data folders.
# Traffic goes to 127.0.0.1 only; each wrk run is bounded by DURATION; the host is always killed on exit.
set -euo pipefail

# ---------------------------------------------------------------------------------------------------------------
# Endpoints: "label|method|path|auth[|body-file]". auth is "none" or "admin" (the bootstrap Admin key as X-Api-Key).
# body-file (optional, relative to this folder) is sent as application/json. The first entry is the baseline the
# ratio column is computed against. Add an endpoint by adding a line.
ENDPOINTS=(
  "health-live|GET|/health/live|none"
  "me|GET|/api/v1/me|admin"
)
# ---------------------------------------------------------------------------------------------------------------

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
run_all "$@"
