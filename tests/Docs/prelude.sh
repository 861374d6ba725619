# Sourced on line 1 of every shell block the docs test runs, so the block's line k is the script's line k + 1.
set -euo pipefail
trap 'echo "doc-test-line=$((LINENO - 1))" >&2' ERR
# curl as written, except that an HTTP status of 400 or more fails the block (as `curl -f` would), naming it.
curl() {
  local body status
  body=$(mktemp)
  status=$(command curl -sS -o "$body" -w '%{http_code}' "$@") || { rm -f "$body"; return 1; }
  cat "$body"
  rm -f "$body"
  if [ "$status" -ge 400 ]; then echo "doc-test: HTTP $status from: curl $*" >&2; return 1; fi
}
