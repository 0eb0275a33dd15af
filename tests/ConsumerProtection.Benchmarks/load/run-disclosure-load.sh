#!/usr/bin/env bash
# Disclosure launch gate under load (issue 10 §6): GET /api/v1/disclosure/products/{code}/launch-clearance, full
# evaluation (200) and conditional (If-None-Match, 304), side by side with /health/live in the same run, on a
# product with four documents, one of them marketing material, reviewed and approved through the API first.
#
#   tests/ConsumerProtection.Benchmarks/load/run-disclosure-load.sh
#   RUNS=3 DURATION=15s tests/ConsumerProtection.Benchmarks/load/run-disclosure-load.sh
#
# Loopback only (127.0.0.1), bounded by DURATION per endpoint; other knobs as in run-load.sh.
set -euo pipefail

ENDPOINTS=("health-live|GET|/health/live|none")
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

api() { # method path key [body] [extra curl args...] -> body on stdout
  local method="$1" path="$2" key="$3" body="${4:-}"
  shift 4 || shift $#
  local args=(-fsS -X "${method}" -H "X-Api-Key: ${key}")
  [[ -n "${body}" ]] && args+=(-H 'Content-Type: application/json' --data-binary "${body}")
  curl "${args[@]}" "$@" "${BASE}${path}"
}

new_key() { # admin-key name role [department] -> secret
  local dept="${4:+\"$4\"}"
  api POST /api/v1/admin/api-keys "$1" "{\"name\":\"$2\",\"roles\":[\"$3\"],\"departmentId\":${dept:-null}}" | jq -r .secret
}

etag_of() { # path key -> ETag header value
  curl -fsS -o /dev/null -D - -H "X-Api-Key: $2" "${BASE}$1" | awk -F': ' 'tolower($1) == "etag" { gsub(/\r/, "", $2); print $2 }'
}

# Called by run_all once the host is up: one product from creation to approval, then the endpoints.
before_measure() {
  local admin="$1" pm officer code="LOAD-0001" p="/api/v1/disclosure/products"
  pm="$(new_key "${admin}" load-pm ProductManager RETAIL)"
  officer="$(new_key "${admin}" load-officer ComplianceOfficer)"
  api POST "${p}" "${pm}" "{\"code\":\"${code}\",\"name\":\"定期存款\",\"productType\":\"Deposit\",\"principalProtected\":true,\"riskGrade\":\"R1\",\"targetCustomers\":\"个人客户\",\"salesChannels\":[\"Counter\",\"Online\"]}" >/dev/null
  local type doc
  for type in Contract ProductRules FeeSchedule MarketingMaterial; do
    doc="$(api POST "${p}/${code}/documents" "${pm}" "{\"documentType\":\"${type}\",\"language\":\"zh\",\"title\":\"${type}\"}" | jq -r .id)"
    api POST "${p}/${code}/documents/${doc}/versions" "${pm}" \
      "{\"text\":\"${type}\\n本产品为人民币定期存款。\\n服务费用：不收取任何费用。\\n投诉渠道：客服热线95588。\"}" >/dev/null
  done
  local review etag
  review="$(api POST "${p}/${code}/reviews" "${pm}" "" -H "If-Match: $(etag_of "${p}/${code}" "${pm}")" | jq -r .id)"
  etag="$(etag_of "/api/v1/disclosure/reviews/${review}" "${officer}")"
  api POST "/api/v1/disclosure/reviews/${review}/take" "${officer}" "" -H "If-Match: ${etag}" >/dev/null
  etag="$(etag_of "/api/v1/disclosure/reviews/${review}" "${officer}")"
  api POST "/api/v1/disclosure/reviews/${review}/decision" "${officer}" '{"decision":"Approved","reason":"load test"}' -H "If-Match: ${etag}" >/dev/null
  local cleared
  cleared="$(api GET "${p}/${code}/launch-clearance" "${admin}" | jq -r .cleared)"
  [[ "${cleared}" == "true" ]] || { log "the load product is not cleared"; exit 1; }
  local tag
  tag="$(etag_of "${p}/${code}/launch-clearance" "${admin}")"
  echo "wrk.headers[\"If-None-Match\"] = '${tag}'" >"${WORK_DIR}/if-none-match.lua"
  ENDPOINTS=(
    "health-live|GET|/health/live|none"
    "clearance|GET|${p}/${code}/launch-clearance|admin"
    "clearance-304|GET|${p}/${code}/launch-clearance|admin||${WORK_DIR}/if-none-match.lua"
  )
}

run_all "$@"
