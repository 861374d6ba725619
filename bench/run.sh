#!/usr/bin/env bash
# Throughput/latency benchmark of the emulator's Botpress list and createIntegration, of its GitBook
# list and publishIntegration, and of its Membrane list and createIntegration, against a bare ASP.NET Core
# endpoint serving the same bytes; the Botpress list again with 20 overrides installed that do not match it;
# plus the in-process startup probe. See bench/README.md.
#
#   bench/run.sh                      # the full run (about 3¼ minutes, 4 at most with a clean build)
#   DURATION=5s WARMUP=2s bench/run.sh
#
# Knobs (environment): DURATION (10s) WARMUP (5s) THREADS (2) CONNECTIONS (32) SEED_COUNT (10000)
#                      PROBE_ROUNDS (30) PROBE_WARMUP (5) SKIP_BUILD (0)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
ARTIFACTS="$BENCH/artifacts"
RESULTS="$BENCH/results"
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
SEED_COUNT=${SEED_COUNT:-10000}
PROBE_ROUNDS=${PROBE_ROUNDS:-30}
PROBE_WARMUP=${PROBE_WARMUP:-5}
SKIP_BUILD=${SKIP_BUILD:-0}
WORKSPACE=wkspace_01JEMULATEDEFAULTWORKSPACE
RUN_ID="$(date +%s)$$"
LIST_TOKEN="bp_pat_benchlist${RUN_ID}"     # tenant holding the 10,000 integrations
CREATE_TOKEN="bp_pat_benchcreate${RUN_ID}" # separate tenant for the createIntegration measurement
GB_LIST_TOKEN="gb_benchlist${RUN_ID}"       # GitBook: the bearer token is the tenant; 10,000 public integrations
GB_PUBLISH_TOKEN="gb_benchpublish${RUN_ID}" # GitBook: separate tenant for the publishIntegration measurement
MB_LIST_TOKEN="pat-benchlist${RUN_ID}"      # Membrane: a pat- token is the tenant; 10,000 integrations
MB_CREATE_TOKEN="pat-benchcreate${RUN_ID}"  # Membrane: separate tenant for the createIntegration measurement
MB_API_VERSION="2025-10-21"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/emulator-bench.XXXXXX")
PIDS=()     # servers, stopped on exit
FG_PID=""   # the wrk/dotnet run in progress, if any
T0=$SECONDS

log() { printf '[bench %3ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
  local pid
  [ -z "$FG_PID" ] || kill -TERM "$FG_PID" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run CMD...: runs a command in the background and waits for it, so that a signal to this script is handled at
# once (bash runs traps only between foreground commands) and cleanup can stop it.
run() {
  local rc=0
  "$@" &
  FG_PID=$!
  wait "$FG_PID" || rc=$?
  FG_PID=""
  return "$rc"
}

# ---------------------------------------------------------------- tools
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt-get)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq wrk >/dev/null 2>&1; } \
    || die "could not install wrk (apt-get install -y wrk)"
fi
command -v curl >/dev/null 2>&1 || die "curl is required"
command -v dotnet >/dev/null 2>&1 || die "dotnet is required"

# ---------------------------------------------------------------- build (Release, own output tree)
# --artifacts-path keeps bin/obj under bench/artifacts, so this never races a concurrent build of src/ or tests/.
build() {
  run dotnet build "$1" -c Release --artifacts-path "$ARTIFACTS" --disable-build-servers -nologo -v:q -clp:ErrorsOnly \
    >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build of $1"; }
}
if [ "$SKIP_BUILD" != 1 ]; then
  log "building Release: emulator server, baseline, startup probe"
  build "$ROOT/src/Emulator.Server/Emulator.Server.csproj"
  build "$BENCH/Baseline/Baseline.csproj"
  build "$BENCH/StartupProbe/StartupProbe.csproj"
fi
EMULATOR_DLL="$ARTIFACTS/bin/Emulator.Server/release/emulator.dll"
BASELINE_DLL="$ARTIFACTS/bin/Baseline/release/Baseline.dll"
PROBE_DLL="$ARTIFACTS/bin/StartupProbe/release/StartupProbe.dll"
for f in "$EMULATOR_DLL" "$BASELINE_DLL" "$PROBE_DLL"; do [ -f "$f" ] || die "missing $f (build first)"; done

# ---------------------------------------------------------------- processes
# start_server NAME OUTFILE PATTERN CMD...: runs CMD in the background (remembered for cleanup) and waits for a
# line matching PATTERN; sets SERVER_URL to the first http://host:port of that line and SERVER_PID. Not to be called in $(...):
# the PID must land in this shell's PIDS.
start_server() {
  local name=$1 out=$2 pattern=$3; shift 3
  "$@" >"$out" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 300); do
    if grep -q "$pattern" "$out" 2>/dev/null; then
      SERVER_URL=$(grep -m1 "$pattern" "$out" | grep -o 'http://[^ /]*' | head -1)
      SERVER_PID=$pid
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; die "$name exited"; }
    sleep 0.1
  done
  cat "$out" >&2
  die "$name did not start within 30 s"
}

log "starting the emulator (Release, free port, --log-level Warning)"
start_server emulator "$WORK/emulator.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning
EMULATOR=$SERVER_URL
EMULATOR_PID=$SERVER_PID
LIST_PATH="/botpress/v1/admin/integrations"
GB_PATH="/gitbook/v1/integrations"
MB_PATH="/membrane/integrations"
log "emulator at $EMULATOR"

LIST_AUTH=(-H "Authorization: Bearer $LIST_TOKEN" -H "x-workspace-id: $WORKSPACE")
CREATE_AUTH=(-H "Authorization: Bearer $CREATE_TOKEN" -H "x-workspace-id: $WORKSPACE")
GB_LIST_AUTH=(-H "Authorization: Bearer $GB_LIST_TOKEN")
GB_PUBLISH_AUTH=(-H "Authorization: Bearer $GB_PUBLISH_TOKEN")
MB_LIST_AUTH=(-H "Authorization: Bearer $MB_LIST_TOKEN" -H "membrane-api-version: $MB_API_VERSION")
MB_CREATE_AUTH=(-H "Authorization: Bearer $MB_CREATE_TOKEN" -H "membrane-api-version: $MB_API_VERSION")
curl_tenant() { # TOKEN URL [curl args...]
  local token=$1 url=$2; shift 2
  curl -sS --fail-with-body -H "Authorization: Bearer $token" -H "x-workspace-id: $WORKSPACE" "$@" "$url"
}

# count_integrations TOKEN: pages through the tenant's list (limit=100) and counts the items.
count_integrations() {
  local token=$1 next="" total=0 body
  while :; do
    body=$(curl_tenant "$token" "$EMULATOR$LIST_PATH?limit=100${next:+&nextToken=$next}") || { echo "list page: $body" >&2; return 1; }
    total=$((total + $(grep -o '"id":"' <<<"$body" | wc -l)))
    next=$(sed -n 's/.*"nextToken":"\([^"]*\)".*/\1/p' <<<"$body")
    [ -n "$next" ] || break
  done
  echo "$total"
}

# gitbook_count TOKEN: the tenant's number of listed (public) integrations, the `count` of GET ?limit=1
# (the last "count" of the body: the items' owners carry a nested trial.count before it).
gitbook_count() {
  local body
  body=$(curl -sS --fail-with-body -H "Authorization: Bearer $1" "$EMULATOR$GB_PATH?limit=1") || { echo "gitbook list: $body" >&2; return 1; }
  grep -o '"count":[0-9]*' <<<"$body" | tail -1 | cut -d: -f2
}

# membrane_count TOKEN: the tenant's number of listed (live) integrations. Membrane lists carry no count: walks
# ?limit=1000&cursor=0, then &cursor=<cursor> until a page comes without one, counting the items (each has one "uuid").
membrane_count() {
  local token=$1 cursor=0 total=0 body
  while :; do
    body=$(curl -sS --fail-with-body -H "Authorization: Bearer $token" -H "membrane-api-version: $MB_API_VERSION" \
      "$EMULATOR$MB_PATH?limit=1000&cursor=$cursor") || { echo "membrane list page: $body" >&2; return 1; }
    total=$((total + $(grep -o '"uuid":"' <<<"$body" | wc -l)))
    cursor=$(sed -n 's/.*"cursor":"\([^"]*\)".*/\1/p' <<<"$body")
    [ -n "$cursor" ] || break
  done
  echo "$total"
}

# ---------------------------------------------------------------- seed 10,000 integrations per vendor (wrk + lua)
QUOTA=$(( (SEED_COUNT + THREADS - 1) / THREADS ))
# seed NAME SCRIPT URL [wrk args...]: wrk with SCRIPT in seeding mode (quota per thread); sets SEED_RPS.
# wrk only ends at -d (or SIGINT): each thread stops itself at its quota and says so on stderr; then SIGINT.
seed() {
  local name=$1 script=$2 url=$3; shift 3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d120s -s "$script" "$@" "$url" -- seed "$QUOTA" \
    >"$WORK/$name.seed.out" 2>"$WORK/$name.seed.err" &
  FG_PID=$!
  while kill -0 "$FG_PID" 2>/dev/null; do
    [ "$(grep -c '^SEEDED' "$WORK/$name.seed.err" || true)" -ge "$THREADS" ] && { kill -INT "$FG_PID"; break; }
    sleep 0.1
  done
  wait "$FG_PID" || true
  FG_PID=""
  grep -q 'seed: HTTP' "$WORK/$name.seed.err" && { log "seeding $name answered errors:"; grep 'seed: HTTP' "$WORK/$name.seed.err" >&2; }
  SEED_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$WORK/$name.seed.out")
}

# seed_tenant VENDOR SCRIPT URL WHAT COUNTER TOKEN WRK-ARGS...: seeds VENDOR's list tenant with wrk, then counts it
# with `COUNTER TOKEN` and stops the run unless it holds at least SEED_COUNT; sets SEED_RPS and COUNTED.
seed_tenant() {
  local vendor=$1 script=$2 url=$3 what=$4 counter=$5 token=$6; shift 6
  log "seeding >= $SEED_COUNT $what in the $vendor list tenant (wrk + ${script#"$BENCH/"}, $QUOTA per thread)"
  seed "$vendor" "$script" "$url" "$@"
  COUNTED=$("$counter" "$token") || die "could not count the $vendor list tenant's integrations"
  [[ "$COUNTED" =~ ^[0-9]+$ ]] || die "could not count the $vendor list tenant's integrations: $COUNTED"
  log "$vendor list tenant holds $COUNTED $what (seeded at ~${SEED_RPS:-?} req/s)"
  [ "$COUNTED" -ge "$SEED_COUNT" ] || die "expected >= $SEED_COUNT $what in the $vendor list tenant, found $COUNTED"
}

JSON=(-H "Content-Type: application/json")
seed_tenant Botpress "$BENCH/lua/create.lua" "$EMULATOR$LIST_PATH" integrations count_integrations "$LIST_TOKEN" "${LIST_AUTH[@]}" "${JSON[@]}"
BP_SEED_RPS=$SEED_RPS SEEDED=$COUNTED
# GitBook counts with `count` of ?limit=1 (the seeded catalogue's public integrations included).
seed_tenant GitBook "$BENCH/lua/publish.lua" "$EMULATOR$GB_PATH" "public integrations" gitbook_count "$GB_LIST_TOKEN" "${GB_LIST_AUTH[@]}" "${JSON[@]}"
GB_SEED_RPS=$SEED_RPS GB_SEEDED=$COUNTED
# Membrane counts the live integrations by walking the list at limit=1000.
seed_tenant Membrane "$BENCH/lua/membrane-create.lua" "$EMULATOR$MB_PATH" "live integrations" membrane_count "$MB_LIST_TOKEN" "${MB_LIST_AUTH[@]}" "${JSON[@]}"
MB_SEED_RPS=$SEED_RPS MB_SEEDED=$COUNTED

# ---------------------------------------------------------------- the bytes, and the baseline serving them
LIST_QUERY="?limit=20"
curl_tenant "$LIST_TOKEN" "$EMULATOR$LIST_PATH$LIST_QUERY" -o "$WORK/list.json"
curl_tenant "$LIST_TOKEN" "$EMULATOR$LIST_PATH$LIST_QUERY" -o "$WORK/list2.json"
cmp -s "$WORK/list.json" "$WORK/list2.json" || die "the Botpress list body differs between two identical requests"
BODY_BYTES=$(wc -c <"$WORK/list.json")
grep -q '"nextToken":"' "$WORK/list.json" || die "Botpress list page has no nextToken (tenant not seeded?)"

GB_QUERY="?limit=20"
curl_gitbook() { curl -sS --fail-with-body "${GB_LIST_AUTH[@]}" "$@"; }
curl_gitbook "$EMULATOR$GB_PATH$GB_QUERY" -o "$WORK/gb-list.json"
curl_gitbook "$EMULATOR$GB_PATH$GB_QUERY" -o "$WORK/gb-list2.json"
cmp -s "$WORK/gb-list.json" "$WORK/gb-list2.json" || die "the GitBook list body differs between two identical requests"
GB_BODY_BYTES=$(wc -c <"$WORK/gb-list.json")
grep -q '"next":{"page":"' "$WORK/gb-list.json" || die "GitBook list page has no next.page (tenant not seeded?)"
[ "$(grep -o '"object":"integration"' "$WORK/gb-list.json" | wc -l)" -eq 20 ] || die "GitBook list page does not hold 20 integrations"

# The Membrane page ends with a cursor, an HMAC-signed token: the key is per emulator instance, but the same request
# gets the same cursor within one run, so the two bodies must still be byte-identical (checked, and the cursors alone).
MB_QUERY="?limit=20"
curl_membrane() { curl -sS --fail-with-body "${MB_LIST_AUTH[@]}" "$@"; }
curl_membrane "$EMULATOR$MB_PATH$MB_QUERY" -o "$WORK/mb-list.json"
curl_membrane "$EMULATOR$MB_PATH$MB_QUERY" -o "$WORK/mb-list2.json"
MB_CURSOR=$(sed -n 's/.*"cursor":"\([^"]*\)".*/\1/p' "$WORK/mb-list.json")
[ -n "$MB_CURSOR" ] || die "Membrane list page has no cursor (tenant not seeded?)"
[ "$MB_CURSOR" = "$(sed -n 's/.*"cursor":"\([^"]*\)".*/\1/p' "$WORK/mb-list2.json")" ] \
  || die "the Membrane list cursor differs between two identical requests"
cmp -s "$WORK/mb-list.json" "$WORK/mb-list2.json" || die "the Membrane list body differs between two identical requests"
MB_BODY_BYTES=$(wc -c <"$WORK/mb-list.json")
[ "$(grep -o '"uuid":"' "$WORK/mb-list.json" | wc -l)" -eq 20 ] || die "Membrane list page does not hold 20 integrations"

log "list bodies: Botpress $BODY_BYTES bytes, GitBook $GB_BODY_BYTES bytes, Membrane $MB_BODY_BYTES bytes; starting the baseline with them"
start_server baseline "$WORK/baseline.out" '^baseline' dotnet "$BASELINE_DLL" 0 \
  "$LIST_PATH=$WORK/list.json" "$GB_PATH=$WORK/gb-list.json" "$MB_PATH=$WORK/mb-list.json"
BASELINE=$SERVER_URL
BASELINE_PID=$SERVER_PID
curl_tenant "$LIST_TOKEN" "$BASELINE$LIST_PATH$LIST_QUERY" -o "$WORK/bare.json"
cmp -s "$WORK/list.json" "$WORK/bare.json" || die "baseline does not serve the emulator's Botpress bytes"
curl_gitbook "$BASELINE$GB_PATH$GB_QUERY" -o "$WORK/gb-bare.json"
cmp -s "$WORK/gb-list.json" "$WORK/gb-bare.json" || die "baseline does not serve the emulator's GitBook bytes"
curl_membrane "$BASELINE$MB_PATH$MB_QUERY" -o "$WORK/mb-bare.json"
cmp -s "$WORK/mb-list.json" "$WORK/mb-bare.json" || die "baseline does not serve the emulator's Membrane bytes"
log "baseline at $BASELINE (serves the identical $BODY_BYTES, $GB_BODY_BYTES and $MB_BODY_BYTES bytes)"

# ---------------------------------------------------------------- wrk runs
# to_ms VALUE: wrk's "812.00us" / "1.23ms" / "1.02s" → milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# cpu_ticks PID: user + system CPU time the process has used so far, in clock ticks (/proc/PID/stat 14 + 15)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

# bench NAME URL [wrk args...]: warm-up run, then the measured run; sets R_<NAME>_{RPS,P50,P99,ERR,REQ,WARMREQ,CPU}
# (CPU: the server process's CPU µs per request during the measured run, steadier than req/s on a busy box)
# and keeps the measured run's output as results/wrk-<NAME with - for _>.txt
bench() {
  local name=$1 url=$2; shift 2
  local pid=$EMULATOR_PID; [[ "$url" == "$BASELINE"* ]] && pid=$BASELINE_PID
  [[ -n "${NOJOURNAL:-}" && "$url" == "$NOJOURNAL"* ]] && pid=$NOJOURNAL_PID
  log "wrk $name: warm-up $WARMUP, then -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
  run wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" -- "w${RUN_ID}" >"$WORK/$name.warmup.txt" 2>&1 \
    || { cat "$WORK/$name.warmup.txt" >&2; die "wrk warm-up $name"; }
  local cpu0 cpu1; cpu0=$(cpu_ticks "$pid")
  run wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" -- "m${RUN_ID}" >"$WORK/$name.txt" 2>&1 \
    || { cat "$WORK/$name.txt" >&2; die "wrk $name"; }
  cpu1=$(cpu_ticks "$pid")
  cp "$WORK/$name.txt" "$RESULTS/wrk-${name//_/-}.txt"
  local out="$WORK/$name.txt" rps p50 p99 err req
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  err=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  req=$(awk '/requests in/ {print $1}' "$out")
  local sock; sock=$(awk -F': ' '/Socket errors:/ {print $2}' "$out")
  [ -n "$rps" ] || { cat "$out" >&2; die "could not parse wrk output for $name"; }
  printf -v "R_${name}_RPS" '%s' "$rps"
  printf -v "R_${name}_P50" '%s' "$p50"
  printf -v "R_${name}_P99" '%s' "$p99"
  printf -v "R_${name}_ERR" '%s' "${err:-0}${sock:+ (socket: $sock)}"
  printf -v "R_${name}_REQ" '%s' "$req"
  printf -v "R_${name}_CPU" '%s' "$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v r="$req" 'BEGIN { printf "%.1f", (r > 0 ? t * 1e6 / hz / r : 0) }')"
  local warm_req; warm_req=$(awk '/requests in/ {print $1}' "$WORK/$name.warmup.txt")
  printf -v "R_${name}_WARMREQ" '%s' "$warm_req"
  local cpu_var="R_${name}_CPU"
  log "  $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, server CPU ${!cpu_var} µs/req, non-2xx ${err:-0}"
}

# overrides_json KIND: 20 WireMock mappings that never match the Botpress list request. other-paths: GETs of
# single integrations of the three vendors (what a test installs for a one-off answer); same-path: GETs of the list
# path itself that want a header the request does not carry (every one is shown the request: WireMock decides).
overrides_json() {
  local i path mapping sep="" out="["
  for i in $(seq 1 20); do
    case "$1" in
      other-paths)
        case $((i % 3)) in
          0) path="$LIST_PATH/intver_bench_override_$i" ;;
          1) path="$GB_PATH/bench-override-$i" ;;
          *) path="$MB_PATH/bench-override-$i" ;;
        esac
        mapping="{\"Request\":{\"Path\":\"$path\",\"Methods\":[\"GET\"]},\"Response\":{\"StatusCode\":418}}" ;;
      same-path)
        mapping="{\"Request\":{\"Path\":\"$LIST_PATH\",\"Methods\":[\"GET\"],\"Headers\":[{\"Name\":\"x-bench-never\",\"Matchers\":[{\"Name\":\"ExactMatcher\",\"Pattern\":\"$i\"}]}]},\"Response\":{\"StatusCode\":418}}" ;;
    esac
    out+="$sep$mapping"; sep=","
  done
  echo "$out]"
}
install_overrides() {
  curl -sS --fail-with-body -o /dev/null -X POST -H "Content-Type: application/json" --data "$(overrides_json "$1")" "$EMULATOR/_emulator/overrides" \
    || die "could not install the $1 overrides"
}
clear_overrides() { curl -sS --fail-with-body -o /dev/null -X DELETE "$EMULATOR/_emulator/overrides" || die "could not clear the overrides"; }

mkdir -p "$RESULTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# Reads first, then the writes (whose tenants, and the process heap, grow during their runs).
bench bare "$BASELINE$LIST_PATH$LIST_QUERY" "${LIST_AUTH[@]}"
bench list "$EMULATOR$LIST_PATH$LIST_QUERY" "${LIST_AUTH[@]}"
install_overrides other-paths
bench list_overrides "$EMULATOR$LIST_PATH$LIST_QUERY" "${LIST_AUTH[@]}"
clear_overrides
install_overrides same-path
bench list_overrides_same "$EMULATOR$LIST_PATH$LIST_QUERY" "${LIST_AUTH[@]}"
clear_overrides
bench gitbook_bare "$BASELINE$GB_PATH$GB_QUERY" "${GB_LIST_AUTH[@]}"
bench gitbook_list "$EMULATOR$GB_PATH$GB_QUERY" "${GB_LIST_AUTH[@]}"
bench membrane_bare "$BASELINE$MB_PATH$MB_QUERY" "${MB_LIST_AUTH[@]}"
bench membrane_list "$EMULATOR$MB_PATH$MB_QUERY" "${MB_LIST_AUTH[@]}"
# The request journal's cost: the same hub list on this emulator (journal on, the default 1000) and on a second one
# started with --journal-size 0, same seed, fresh tenants.
log "starting a second emulator with --journal-size 0"
start_server nojournal "$WORK/nojournal.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning --journal-size 0
NOJOURNAL=$SERVER_URL
NOJOURNAL_PID=$SERVER_PID
HUB_PATH="/botpress/v1/admin/hub/integrations?limit=20"
HUB_AUTH=(-H "Authorization: Bearer bp_pat_benchhub${RUN_ID}" -H "x-workspace-id: $WORKSPACE")
bench hub_journal "$EMULATOR$HUB_PATH" "${HUB_AUTH[@]}"
bench hub_nojournal "$NOJOURNAL$HUB_PATH" "${HUB_AUTH[@]}"
kill "$NOJOURNAL_PID" 2>/dev/null || true
bench create "$EMULATOR$LIST_PATH" -s "$BENCH/lua/create.lua" "${CREATE_AUTH[@]}" -H "Content-Type: application/json"
bench gitbook_publish "$EMULATOR$GB_PATH" -s "$BENCH/lua/publish.lua" "${GB_PUBLISH_AUTH[@]}" -H "Content-Type: application/json"
bench membrane_create "$EMULATOR$MB_PATH" -s "$BENCH/lua/membrane-create.lua" "${MB_CREATE_AUTH[@]}" -H "Content-Type: application/json"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
# The emulator logs at Warning and above: anything there (a 500, an unhandled exception) taints the numbers.
# Its own lines are the startup addresses ("botpress  http://...", "gitbook   http://...", "membrane  http://...", "control   http://...").
STARTUP_LINE='^[a-z]+ +http://'
EMULATOR_LOG_LINES=$(grep -cvE "$STARTUP_LINE" "$WORK/emulator.out" || true)
if [ "$EMULATOR_LOG_LINES" -gt 0 ]; then
  log "the emulator logged $EMULATOR_LOG_LINES warning/error lines during the run; first ones:"
  grep -vE "$STARTUP_LINE" "$WORK/emulator.out" | head -5 >&2
fi
CREATE_TENANT_END=$(( ${R_create_WARMREQ:-0} + ${R_create_REQ:-0} + 9 ))
PUBLISH_TENANT_END=$(gitbook_count "$GB_PUBLISH_TOKEN" || echo "?")
# Seeded 6 live + every 200 of the warm-up and measured runs (wrk's count; walking ~40,000 items would cost seconds).
MB_CREATE_TENANT_END=$(( ${R_membrane_create_WARMREQ:-0} + ${R_membrane_create_REQ:-0} + 6 ))

# ---------------------------------------------------------------- in-process startup
log "StartupProbe: $PROBE_ROUNDS rounds after $PROBE_WARMUP warm-up rounds"
run dotnet "$PROBE_DLL" --rounds "$PROBE_ROUNDS" --warmup "$PROBE_WARMUP" >"$WORK/probe.txt" 2>&1 \
  || { cat "$WORK/probe.txt" >&2; die "StartupProbe"; }
probe() { awk -v k="$1" -v f="$2" '$1 == "RESULT" && $2 == k { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$WORK/probe.txt"; }

# ---------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
LIST_RATIO=$(ratio "$R_list_RPS" "$R_bare_RPS")
OVERRIDES_RATIO=$(ratio "$R_list_overrides_RPS" "$R_bare_RPS")
OVERRIDES_SAME_RATIO=$(ratio "$R_list_overrides_same_RPS" "$R_bare_RPS")
OVERRIDES_VS_LIST=$(ratio "$R_list_overrides_RPS" "$R_list_RPS")
OVERRIDES_SAME_VS_LIST=$(ratio "$R_list_overrides_same_RPS" "$R_list_RPS")
OVERRIDES_CPU_VS_LIST=$(ratio "$R_list_overrides_CPU" "$R_list_CPU")
OVERRIDES_SAME_CPU_VS_LIST=$(ratio "$R_list_overrides_same_CPU" "$R_list_CPU")
JOURNAL_RPS_RATIO=$(ratio "$R_hub_journal_RPS" "$R_hub_nojournal_RPS")
JOURNAL_CPU_RATIO=$(ratio "$R_hub_journal_CPU" "$R_hub_nojournal_CPU")
CREATE_RATIO=$(ratio "$R_create_RPS" "$R_bare_RPS")
GB_LIST_RATIO=$(ratio "$R_gitbook_list_RPS" "$R_gitbook_bare_RPS")
GB_PUBLISH_RATIO=$(ratio "$R_gitbook_publish_RPS" "$R_gitbook_bare_RPS")
MB_LIST_RATIO=$(ratio "$R_membrane_list_RPS" "$R_membrane_bare_RPS")
MB_CREATE_RATIO=$(ratio "$R_membrane_create_RPS" "$R_membrane_bare_RPS")
STARTUP_MEDIAN=$(probe start_first_response_ms median)
goal() { awk -v r="$1" 'BEGIN { print (r >= 0.6 ? "met" : "NOT met") }'; }
LIST_GOAL=$(goal "$LIST_RATIO")
GB_LIST_GOAL=$(goal "$GB_LIST_RATIO")
MB_LIST_GOAL=$(goal "$MB_LIST_RATIO")
OVERRIDES_GOAL=$(awk -v r="$OVERRIDES_VS_LIST" 'BEGIN { print (r >= 0.9 ? "met" : "NOT met") }')
STARTUP_GOAL=$(awk -v m="$STARTUP_MEDIAN" 'BEGIN { print (m <= 50 ? "met" : "NOT met") }')
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
DIRTY=$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q . && echo " + uncommitted changes in src/" || true)

row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7"; }
{
  echo "# Emulator benchmark — $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
  echo
  echo "Commit \`$COMMIT\`$DIRTY · $(nproc) cores · $(uname -sr) · dotnet $(dotnet --version) · $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "wrk \`-t$THREADS -c$CONNECTIONS -d$DURATION --latency\` on loopback, each after a $WARMUP warm-up run."
  echo "Load average before / after the wrk runs: $LOAD_BEFORE / $LOAD_AFTER (other work on the machine skews absolutes; compare ratios)."
  echo
  row "target" "req/s" "p50 ms" "p99 ms" "× bare" "server CPU µs/req" "non-2xx"
  row "---" "---:" "---:" "---:" "---:" "---:" "---:"
  row "bare ASP.NET Core, same $BODY_BYTES bytes as the Botpress list, from memory" "$R_bare_RPS" "$R_bare_P50" "$R_bare_P99" "1.00" "$R_bare_CPU" "$R_bare_ERR"
  row "emulator \`GET $LIST_PATH$LIST_QUERY\` ($SEEDED integrations in the tenant)" "$R_list_RPS" "$R_list_P50" "$R_list_P99" "$LIST_RATIO" "$R_list_CPU" "$R_list_ERR"
  row "the same list with 20 overrides installed for other paths (none matches)" "$R_list_overrides_RPS" "$R_list_overrides_P50" "$R_list_overrides_P99" "$OVERRIDES_RATIO" "$R_list_overrides_CPU" "$R_list_overrides_ERR"
  row "the same list with 20 overrides for its own path that want a header it lacks" "$R_list_overrides_same_RPS" "$R_list_overrides_same_P50" "$R_list_overrides_same_P99" "$OVERRIDES_SAME_RATIO" "$R_list_overrides_same_CPU" "$R_list_overrides_same_ERR"
  row "emulator \`GET $HUB_PATH\` (seeded hub), request journal on (1000 entries)" "$R_hub_journal_RPS" "$R_hub_journal_P50" "$R_hub_journal_P99" "$(ratio "$R_hub_journal_RPS" "$R_bare_RPS")" "$R_hub_journal_CPU" "$R_hub_journal_ERR"
  row "the same hub list on a second emulator with \`--journal-size 0\`" "$R_hub_nojournal_RPS" "$R_hub_nojournal_P50" "$R_hub_nojournal_P99" "$(ratio "$R_hub_nojournal_RPS" "$R_bare_RPS")" "$R_hub_nojournal_CPU" "$R_hub_nojournal_ERR"
  row "emulator Botpress createIntegration (own tenant, ~$CREATE_TENANT_END integrations at the end)" "$R_create_RPS" "$R_create_P50" "$R_create_P99" "$CREATE_RATIO" "$R_create_CPU" "$R_create_ERR"
  row "bare ASP.NET Core, same $GB_BODY_BYTES bytes as the GitBook list, from memory" "$R_gitbook_bare_RPS" "$R_gitbook_bare_P50" "$R_gitbook_bare_P99" "1.00" "$R_gitbook_bare_CPU" "$R_gitbook_bare_ERR"
  row "emulator \`GET $GB_PATH$GB_QUERY\` (count $GB_SEEDED in the tenant)" "$R_gitbook_list_RPS" "$R_gitbook_list_P50" "$R_gitbook_list_P99" "$GB_LIST_RATIO" "$R_gitbook_list_CPU" "$R_gitbook_list_ERR"
  row "emulator GitBook publishIntegration (own tenant, count $PUBLISH_TENANT_END at the end)" "$R_gitbook_publish_RPS" "$R_gitbook_publish_P50" "$R_gitbook_publish_P99" "$GB_PUBLISH_RATIO" "$R_gitbook_publish_CPU" "$R_gitbook_publish_ERR"
  row "bare ASP.NET Core, same $MB_BODY_BYTES bytes as the Membrane list, from memory" "$R_membrane_bare_RPS" "$R_membrane_bare_P50" "$R_membrane_bare_P99" "1.00" "$R_membrane_bare_CPU" "$R_membrane_bare_ERR"
  row "emulator \`GET $MB_PATH$MB_QUERY\` ($MB_SEEDED integrations listed in the tenant)" "$R_membrane_list_RPS" "$R_membrane_list_P50" "$R_membrane_list_P99" "$MB_LIST_RATIO" "$R_membrane_list_CPU" "$R_membrane_list_ERR"
  row "emulator Membrane createIntegration (own tenant, ~$MB_CREATE_TENANT_END integrations at the end)" "$R_membrane_create_RPS" "$R_membrane_create_P50" "$R_membrane_create_P99" "$MB_CREATE_RATIO" "$R_membrane_create_CPU" "$R_membrane_create_ERR"
  echo
  echo "× bare: against the bare row of the same vendor (Botpress rows: the first; GitBook rows: the eighth; Membrane rows: the eleventh)."
  echo
  echo "In-process start (\`IntegrationsEmulator.StartAsync()\`, TestServer) in one warm process, $PROBE_ROUNDS rounds after $PROBE_WARMUP warm-up:"
  echo
  echo "| measure | median ms | p90 ms | min ms | max ms |"
  echo "|---|---:|---:|---:|---:|"
  for k in "start_ms|StartAsync()" "start_first_response_ms|**StartAsync() + first /_emulator/health response**" \
           "first_botpress_list_ms|then first Botpress list on a new tenant (seeds it)" "dispose_ms|DisposeAsync()" "cycle_ms|whole cycle"; do
    echo "| ${k#*|} | $(probe "${k%%|*}" median) | $(probe "${k%%|*}" p90) | $(probe "${k%%|*}" min) | $(probe "${k%%|*}" max) |"
  done
  echo
  echo "Goals:"
  echo "- Botpress list ≥ 0.6× bare: **$LIST_GOAL** ($LIST_RATIO×)"
  echo "- GitBook list ≥ 0.6× bare: **$GB_LIST_GOAL** ($GB_LIST_RATIO×)"
  echo "- Membrane list ≥ 0.6× bare: **$MB_LIST_GOAL** ($MB_LIST_RATIO×)"
  echo "- Botpress list with 20 non-matching overrides (other paths) ≥ 0.9× the list without: **$OVERRIDES_GOAL** (${OVERRIDES_VS_LIST}× req/s, ${OVERRIDES_CPU_VS_LIST}× server CPU per request)"
  echo "- in-process start + first response ≤ 50 ms median: **$STARTUP_GOAL** ($STARTUP_MEDIAN ms)"
  echo
  echo "Request journal (not a goal, a cost to know): journal on = ${JOURNAL_RPS_RATIO}× the req/s and ${JOURNAL_CPU_RATIO}× the server CPU per request of journal off (hub list)."
  echo
  echo "Not a goal: with 20 overrides for the list's own path (each shown the request, WireMock's matchers refusing it): ${OVERRIDES_SAME_VS_LIST}× req/s, ${OVERRIDES_SAME_CPU_VS_LIST}× server CPU per request of the list without."
  echo
  echo "Seeding: $SEEDED integrations listed in the Botpress list tenant, created through createIntegration with wrk at ~${BP_SEED_RPS:-?} req/s;"
  echo "$GB_SEEDED public integrations (\`count\`) in the GitBook list tenant, published through publishIntegration with wrk at ~${GB_SEED_RPS:-?} req/s;"
  echo "$MB_SEEDED live integrations (walked at \`limit=1000\`) in the Membrane list tenant, created through createIntegration with wrk at ~${MB_SEED_RPS:-?} req/s."
  echo "Emulator warning/error log lines during the run: $EMULATOR_LOG_LINES."
  echo "Raw wrk output: bench/results/wrk-{bare,list,list-overrides,list-overrides-same,hub-journal,hub-nojournal,create,gitbook-bare,gitbook-list,gitbook-publish,membrane-bare,membrane-list,membrane-create}.txt."
} >"$RESULTS/latest.md"

echo
cat "$RESULTS/latest.md"
log "done in $((SECONDS - T0)) s; results in bench/results/latest.md"
