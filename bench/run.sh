#!/usr/bin/env bash
# The emulator's benchmark (issue 13): every figure is a ratio against a peer measured in the same run, interleaved,
# and a row with any non-2xx answer or socket error is invalid. See bench/README.md.
#
#   bench/run.sh                      # the full run: prints the table, writes bench/results/latest.md (≈ 10–12 min)
#   bench/run.sh micro [--long] [BDN args]  # BenchmarkDotNet micro-benchmarks (allocations) of the hot pieces (≈ 3 min)
#   SKIP_BUILD=1 ROUNDS=1 FLAT_COUNT=100000 bench/run.sh    # quicker, noisier
#
# Knobs (environment), defaults in brackets:
#   DURATION [3s] WARMUP [4s] ROUNDS [3] THREADS [2] CONNECTIONS [32]   wrk runs of the throughput/config rows
#   SEED_COUNT [10000]   integrations created per list tenant (Botpress, GitBook, Membrane)
#   COLD_ROUNDS [5]      fresh processes per cold-start figure (process and in-process)
#   COLD_SEED_COUNT [10000]  --seed-count of the "large seed" cold start
#   PROBE_ROUNDS [30] PROBE_WARMUP [5]   warm in-process StartupProbe
#   FLAT_SMALL [1000] FLAT_COUNT [1000000] FLAT_MEM_COUNT [100000] FLAT_SEED_TIMEOUT [240] FLAT_DURATION [3s]
#   TENANTS [1000]       new tenants (per vendor) for the RSS row
#   BIGBODY_REQUESTS [1000] BIGBODY_AFTER [60]   the large-body burst (scripts/bigbody.py); 0 requests skips it
#   SKIP_BUILD [0]       reuse bench/artifacts
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
ARTIFACTS="$BENCH/artifacts"
RESULTS="$BENCH/results"
MODE=${1:-full}
DURATION=${DURATION:-3s}
WARMUP=${WARMUP:-4s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
SEED_COUNT=${SEED_COUNT:-10000}
COLD_ROUNDS=${COLD_ROUNDS:-5}
COLD_SEED_COUNT=${COLD_SEED_COUNT:-10000}
PROBE_ROUNDS=${PROBE_ROUNDS:-30}
PROBE_WARMUP=${PROBE_WARMUP:-5}
FLAT_SMALL=${FLAT_SMALL:-1000}
FLAT_COUNT=${FLAT_COUNT:-1000000}
FLAT_MEM_COUNT=${FLAT_MEM_COUNT:-100000}
FLAT_SEED_TIMEOUT=${FLAT_SEED_TIMEOUT:-240}
FLAT_DURATION=${FLAT_DURATION:-3s}
TENANTS=${TENANTS:-1000}
BIGBODY_REQUESTS=${BIGBODY_REQUESTS:-1000}
BIGBODY_AFTER=${BIGBODY_AFTER:-60}
SKIP_BUILD=${SKIP_BUILD:-0}
WORKSPACE=wkspace_01JEMULATEDEFAULTWORKSPACE
RUN_ID="$(date +%s)$$"
LIST_TOKEN="bp_pat_benchlist${RUN_ID}"     # Botpress tenant holding SEED_COUNT integrations (and the hub)
CREATE_TOKEN="bp_pat_benchcreate${RUN_ID}" # separate tenant for createIntegration
GB_LIST_TOKEN="gb_benchlist${RUN_ID}"       # GitBook: the bearer token is the tenant
MB_LIST_TOKEN="pat-benchlist${RUN_ID}"      # Membrane: a pat- token is the tenant
MB_API_VERSION="2025-10-21"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/emulator-bench.XXXXXX")
PIDS=()        # servers, stopped on exit
FG_PID=""      # the wrk/dotnet run in progress, if any
BIGBODY_PID="" # scripts/bigbody.py running in the background, if any (it starts its own server)
T0=$SECONDS
SEQ=0

log() { printf '[bench %3ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
  local pid
  [ -z "$FG_PID" ] || kill -TERM "$FG_PID" 2>/dev/null || true
  if [ -n "$BIGBODY_PID" ]; then
    # Its server is its child; a terminated Python does not run its own cleanup.
    for pid in $(pgrep -P "$BIGBODY_PID" 2>/dev/null || true); do kill -TERM "$pid" 2>/dev/null || true; done
    kill -TERM "$BIGBODY_PID" 2>/dev/null || true
  fi
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
for tool in curl dotnet jq python3 sha256sum; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done

# ---------------------------------------------------------------- build (Release, own output tree)
# --artifacts-path keeps bin/obj under bench/artifacts, so this never races a concurrent build of src/ or tests/.
build() {
  run dotnet build "$1" -c Release --artifacts-path "$ARTIFACTS" --disable-build-servers -nologo -v:q -clp:ErrorsOnly \
    >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build of $1"; }
}

if [ "$MODE" = micro ]; then
  shift
  [ "$SKIP_BUILD" = 1 ] || { log "building Release: bench/Micro"; build "$BENCH/Micro/Micro.csproj"; }
  mkdir -p "$RESULTS/micro"
  log "BenchmarkDotNet (in process, ShortRun unless --long); artifacts in bench/results/micro"
  run dotnet "$ARTIFACTS/bin/Micro/release/Micro.dll" --artifacts "$RESULTS/micro" "$@"
  exit 0
fi
[ "$MODE" = full ] || die "unknown mode $MODE (full or micro)"

if [ "$SKIP_BUILD" != 1 ]; then
  log "building Release: emulator server, baseline, WireMock peer, cold-start driver, startup probe (bench/Bench.slnx)"
  build "$BENCH/Bench.slnx"
fi
EMULATOR_DLL="$ARTIFACTS/bin/Emulator.Server/release/emulator.dll"
BASELINE_DLL="$ARTIFACTS/bin/Baseline/release/Baseline.dll"
WIREMOCK_DLL="$ARTIFACTS/bin/WireMockPeer/release/WireMockPeer.dll"
COLD_DLL="$ARTIFACTS/bin/ColdStart/release/ColdStart.dll"
PROBE_DLL="$ARTIFACTS/bin/StartupProbe/release/StartupProbe.dll"
for f in "$EMULATOR_DLL" "$BASELINE_DLL" "$WIREMOCK_DLL" "$COLD_DLL" "$PROBE_DLL"; do [ -f "$f" ] || die "missing $f (build first)"; done
mkdir -p "$RESULTS"
rm -rf "$RESULTS/wrk"; mkdir -p "$RESULTS/wrk"

# ---------------------------------------------------------------- processes
# start_server NAME OUTFILE PATTERN CMD...: runs CMD in the background (remembered for cleanup) and waits for a
# line matching PATTERN; sets SERVER_URL to the first http://host:port of that line and SERVER_PID. Not to be called
# in $(...): the PID must land in this shell's PIDS.
start_server() {
  local name=$1 out=$2 pattern=$3; shift 3
  "$@" >"$out" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 600); do
    if grep -q "$pattern" "$out" 2>/dev/null; then
      SERVER_URL=$(grep -m1 "$pattern" "$out" | grep -o 'http://[^ /]*' | head -1)
      SERVER_PID=$pid
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; die "$name exited"; }
    sleep 0.1
  done
  cat "$out" >&2
  die "$name did not start within 60 s"
}
stop_server() { # PID
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
tenant_key() { printf 't_%s' "$(printf '%s' "$1" | sha256sum | cut -c1-16)"; }
# tenant_count URL VENDOR TOKEN ENTITY: the tenant's count of ENTITY from GET /_emulator/tenants
tenant_count() {
  curl -sS --fail-with-body "$1/_emulator/tenants" \
    | jq -r --arg v "$2" --arg t "$(tenant_key "$3")" --arg e "$4" '.[$v][] | select(.tenant == $t) | .counts[$e]'
}

LIST_PATH="/botpress/v1/admin/integrations"
HUB_PATH="/botpress/v1/admin/hub/integrations"
GB_PATH="/gitbook/v1/integrations"
MB_PATH="/membrane/integrations"
Q="?limit=20"
LIST_AUTH=(-H "Authorization: Bearer $LIST_TOKEN" -H "x-workspace-id: $WORKSPACE")
CREATE_AUTH=(-H "Authorization: Bearer $CREATE_TOKEN" -H "x-workspace-id: $WORKSPACE")
GB_LIST_AUTH=(-H "Authorization: Bearer $GB_LIST_TOKEN")
MB_LIST_AUTH=(-H "Authorization: Bearer $MB_LIST_TOKEN" -H "membrane-api-version: $MB_API_VERSION")
JSON=(-H "Content-Type: application/json")

# ---------------------------------------------------------------- seeding with wrk (lua/*.lua in seeding mode)
# seed NAME SCRIPT URL QUOTA-PER-THREAD TIMEOUT-S [wrk args...]: each wrk thread stops at its quota of 200s and says
# so on stderr; then SIGINT ends wrk. Sets SEED_RPS and SEED_FAILED (non-200 answers, socket errors).
seed() {
  local name=$1 script=$2 url=$3 quota=$4 timeout=$5; shift 5
  # A file of its own per run: the loop below must never see the SEEDED lines of an earlier run.
  name+=".$((++SEQ))"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${timeout}s" -s "$script" "$@" "$url" -- "s${RUN_ID}x${SEQ}" "$quota" \
    >"$WORK/$name.seed.out" 2>"$WORK/$name.seed.err" &
  FG_PID=$!
  while kill -0 "$FG_PID" 2>/dev/null; do
    [ "$(grep -c '^SEEDED' "$WORK/$name.seed.err" 2>/dev/null || true)" -ge "$THREADS" ] && { kill -INT "$FG_PID"; break; }
    sleep 0.2
  done
  wait "$FG_PID" || true
  FG_PID=""
  grep -q 'seed: HTTP' "$WORK/$name.seed.err" && { log "seeding $name answered errors:"; grep 'seed: HTTP' "$WORK/$name.seed.err" >&2; }
  SEED_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$WORK/$name.seed.out")
  SEED_FAILED=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }' "$WORK/$name.seed.out")
}

# ---------------------------------------------------------------- wrk measurements
# to_ms VALUE: wrk's "812.00us" / "1.23ms" / "1.02s" → milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "NaN"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v v="$1" -v d="${2:-2}" 'BEGIN { printf "%.*f", d, v }'; }

declare -A RPS P50 P99 BAD CPU
printf 'row\tround\ttarget\treq/s\tp50 ms\tp99 ms\tnon-2xx\tsocket errors\tserver CPU us/req\n' >"$WORK/detail.tsv"

# wrk_once ROW TARGET URL PID ROUND DURATION [wrk args...]: one measured wrk run; appends its numbers to
# RPS/P50/P99/CPU[ROW/TARGET] and its non-2xx + socket errors to BAD[ROW/TARGET].
wrk_once() {
  local row=$1 target=$2 url=$3 pid=$4 round=$5 duration=$6; shift 6
  local out="$RESULTS/wrk/$row-$target-$round.txt" cpu0 cpu1
  cpu0=$(cpu_ticks "$pid")
  run wrk --latency -d"$duration" "$@" "$url" -- "m${RUN_ID}x$((++SEQ))" >"$out" 2>&1 || { cat "$out" >&2; die "wrk $row $target"; }
  cpu1=$(cpu_ticks "$pid")
  local rps p50 p99 non2xx sock req cpu
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  [ -n "$rps" ] || { cat "$out" >&2; die "could not parse wrk output for $row $target"; }
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  sock=$(awk '/Socket errors:/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }' "$out")
  req=$(awk '/requests in/ {print $1}' "$out")
  cpu=$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v r="$req" 'BEGIN { printf "%.1f", (r > 0 ? t * 1e6 / hz / r : 0) }')
  local k="$row/$target"
  RPS[$k]+="$rps "; P50[$k]+="$p50 "; P99[$k]+="$p99 "; CPU[$k]+="$cpu "
  local bad_n bad_s
  read -r bad_n bad_s <<<"${BAD[$k]:-0 0}"
  BAD[$k]="$(( bad_n + ${non2xx:-0} )) $(( bad_s + sock ))"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$row" "$round" "$target" "$rps" "$p50" "$p99" "${non2xx:-0}" "$sock" "$cpu" >>"$WORK/detail.tsv"
  log "  $row r$round $target: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx ${non2xx:-0}, socket errors $sock, CPU $cpu µs/req"
}

# compare ROW TARGET|URL|PID... -- [wrk args...]: a warm-up run (WARMUP) of each target, then ROUNDS rounds of one
# measured run (DURATION) per target, in turn, so every target sees the same machine load.
compare() {
  local row=$1; shift
  local specs=() spec name url pid round
  while [ "$1" != "--" ]; do specs+=("$1"); shift; done
  shift
  log "$row: warm-up $WARMUP per target, then $ROUNDS interleaved rounds of $DURATION (-t$THREADS -c$CONNECTIONS)"
  for spec in "${specs[@]}"; do
    IFS='|' read -r name url pid <<<"$spec"
    BAD["$row/$name"]="0 0"
    run wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" -- "w${RUN_ID}x$((++SEQ))" >"$WORK/warmup.txt" 2>&1 \
      || { cat "$WORK/warmup.txt" >&2; die "wrk warm-up $row $name"; }
  done
  for round in $(seq "$ROUNDS"); do
    for spec in "${specs[@]}"; do
      IFS='|' read -r name url pid <<<"$spec"
      wrk_once "$row" "$name" "$url" "$pid" "$round" "$DURATION" -t"$THREADS" -c"$CONNECTIONS" "$@"
    done
  done
}

# per_round FIELD ROW A B: the median over rounds of A's FIELD / B's FIELD in the same round
per_round() {
  local -n field=$1
  local -a xs ys ratios=()
  read -ra xs <<<"${field[$2/$3]}"
  read -ra ys <<<"${field[$2/$4]}"
  local i
  for i in "${!xs[@]}"; do ratios+=("$(awk -v a="${xs[$i]}" -v b="${ys[$i]:-0}" 'BEGIN { printf "%.4f", (b > 0 ? a / b : 0) }')"); done
  median "${ratios[@]}"
}
med() { local -n field=$1; local -a xs; read -ra xs <<<"${field[$2]}"; median "${xs[@]}"; }
# invalid ROW TARGET...: the reason the row is invalid (non-2xx or socket errors in any of its runs), or nothing
invalid() {
  local row=$1 target reason="" n s; shift
  for target in "$@"; do
    read -r n s <<<"${BAD[$row/$target]:-0 0}"
    [ "$n" -eq 0 ] || reason+="${reason:+; }$target $n non-2xx"
    [ "$s" -eq 0 ] || reason+="${reason:+; }$target $s socket errors"
  done
  printf '%s' "$reason"
}

# ---------------------------------------------------------------- the report table
TABLE="$WORK/table.md"
: >"$TABLE"
# add FIGURE TARGET-TEXT MEASURED-TEXT VALUE OP LIMIT INVALID-REASON: one row; OP is <= or >= (or "info": no target)
add() {
  local figure=$1 target=$2 measured=$3 value=$4 op=$5 limit=$6 reason=$7 valid met
  if [ -n "$reason" ]; then
    valid="no"; met="invalid ($reason)"
  else
    valid="yes"
    case "$op" in
      info) met="—" ;;
      *) met=$(awk -v v="$value" -v l="$limit" -v op="$op" 'BEGIN {
            if (v == "NaN" || v == "") { print "NOT met (no value)"; exit }
            ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print (ok ? "met" : "NOT met") }') ;;
    esac
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$figure" "$target" "$measured" "$valid" "$met" >>"$TABLE"
}
section() { printf '| **%s** | | | | |\n' "$1" >>"$TABLE"; }

# ================================================================ 1. the main emulator, its tenants, the bytes
log "starting the emulator (Release, free port, --log-level Warning)"
start_server emulator "$WORK/emulator.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning
EMULATOR=$SERVER_URL EMULATOR_PID=$SERVER_PID
log "emulator at $EMULATOR"

QUOTA=$(( (SEED_COUNT + THREADS - 1) / THREADS ))
seed_list() { # VENDOR SCRIPT URL TOKEN ENTITY WRK-ARGS...
  local vendor=$1 script=$2 url=$3 token=$4 entity=$5; shift 5
  log "seeding >= $SEED_COUNT in the $vendor list tenant (wrk + ${script#"$BENCH/"})"
  seed "$vendor" "$script" "$url" "$QUOTA" 300 "$@"
  COUNTED=$(tenant_count "$EMULATOR" "$(tr '[:upper:]' '[:lower:]' <<<"$vendor")" "$token" "$entity") || die "could not count the $vendor tenant"
  log "$vendor list tenant: $COUNTED $entity (seeded at ~${SEED_RPS:-?} req/s)"
  [ "${COUNTED:-0}" -ge "$SEED_COUNT" ] || die "expected >= $SEED_COUNT $entity in the $vendor list tenant, found $COUNTED"
}
seed_list Botpress "$BENCH/lua/create.lua" "$EMULATOR$LIST_PATH" "$LIST_TOKEN" integrations "${LIST_AUTH[@]}" "${JSON[@]}"
BP_SEEDED=$COUNTED
seed_list GitBook "$BENCH/lua/publish.lua" "$EMULATOR$GB_PATH" "$GB_LIST_TOKEN" integrations "${GB_LIST_AUTH[@]}" "${JSON[@]}"
GB_SEEDED=$COUNTED
seed_list Membrane "$BENCH/lua/membrane-create.lua" "$EMULATOR$MB_PATH" "$MB_LIST_TOKEN" integrations "${MB_LIST_AUTH[@]}" "${JSON[@]}"
MB_SEEDED=$COUNTED

# fetch NAME URL [curl args...]: the body, twice, byte-identical; into $WORK/NAME.json
fetch() {
  local name=$1 url=$2; shift 2
  curl -sS --fail-with-body "$@" "$url" -o "$WORK/$name.json" || die "GET $url: $(cat "$WORK/$name.json")"
  curl -sS --fail-with-body "$@" "$url" -o "$WORK/$name.2.json" || die "GET $url (again)"
  cmp -s "$WORK/$name.json" "$WORK/$name.2.json" || die "$url: the body differs between two identical requests"
}
fetch bp-list "$EMULATOR$LIST_PATH$Q" "${LIST_AUTH[@]}"
grep -q '"nextToken":"' "$WORK/bp-list.json" || die "Botpress list page has no nextToken (tenant not seeded?)"
fetch gb-list "$EMULATOR$GB_PATH$Q" "${GB_LIST_AUTH[@]}"
[ "$(jq '.items | length' "$WORK/gb-list.json")" -eq 20 ] || die "GitBook list page does not hold 20 integrations"
fetch mb-list "$EMULATOR$MB_PATH$Q" "${MB_LIST_AUTH[@]}"
[ "$(jq '.items | length' "$WORK/mb-list.json")" -eq 20 ] || die "Membrane list page does not hold 20 integrations"
# Get by id: Botpress getPublicIntegrationById (the hub), GitBook getIntegrationByName, Membrane getIntegration.
curl -sS --fail-with-body "${LIST_AUTH[@]}" "$EMULATOR$HUB_PATH?limit=1" -o "$WORK/hub1.json" || die "hub list"
HUB_ID=$(jq -r '.integrations[0].id' "$WORK/hub1.json")
GB_NAME=$(jq -r '.items[0].name' "$WORK/gb-list.json")
MB_ID=$(jq -r '.items[0].id' "$WORK/mb-list.json")
BP_GET_PATH="$HUB_PATH/$HUB_ID" GB_GET_PATH="$GB_PATH/$GB_NAME" MB_GET_PATH="$MB_PATH/$MB_ID"
fetch bp-get "$EMULATOR$BP_GET_PATH" "${LIST_AUTH[@]}"
fetch gb-get "$EMULATOR$GB_GET_PATH" "${GB_LIST_AUTH[@]}"
fetch mb-get "$EMULATOR$MB_GET_PATH" "${MB_LIST_AUTH[@]}"
# createIntegration's answer (the body lua/create.lua sends, one more name), for the bare POST route
curl -sS --fail-with-body "${CREATE_AUTH[@]}" "${JSON[@]}" -X POST "$EMULATOR$LIST_PATH" -o "$WORK/bp-create.json" \
  --data '{"name":"bench-answer","version":"1.0.0","title":"Bench 1","description":"Created by the wrk createIntegration benchmark","actions":{"ping":{"title":"Ping","input":{"schema":{"type":"object"}},"output":{"schema":{"type":"object"}}}}}' \
  || die "createIntegration: $(cat "$WORK/bp-create.json")"
size() { wc -c <"$WORK/$1.json" | tr -d ' '; }
log "bodies: lists Botpress $(size bp-list), GitBook $(size gb-list), Membrane $(size mb-list) bytes; gets $(size bp-get), $(size gb-get), $(size mb-get); create answer $(size bp-create)"

ROUTES=("$LIST_PATH=$WORK/bp-list.json" "$GB_PATH=$WORK/gb-list.json" "$MB_PATH=$WORK/mb-list.json"
        "$BP_GET_PATH=$WORK/bp-get.json" "$GB_GET_PATH=$WORK/gb-get.json" "$MB_GET_PATH=$WORK/mb-get.json")
start_server baseline "$WORK/baseline.out" '^baseline' dotnet "$BASELINE_DLL" 0 "${ROUTES[@]}" "POST $LIST_PATH=$WORK/bp-create.json"
BARE=$SERVER_URL BARE_PID=$SERVER_PID
start_server wiremock "$WORK/wiremock.out" '^wiremock' dotnet "$WIREMOCK_DLL" 0 "${ROUTES[@]}"
WIREMOCK=$SERVER_URL WIREMOCK_PID=$SERVER_PID
for pair in "bp-list|$LIST_PATH$Q" "gb-list|$GB_PATH$Q" "mb-list|$MB_PATH$Q" "bp-get|$BP_GET_PATH" "gb-get|$GB_GET_PATH" "mb-get|$MB_GET_PATH"; do
  for peer in "$BARE" "$WIREMOCK"; do
    curl -sS --fail-with-body "$peer${pair#*|}" -o "$WORK/peer.json" || die "peer $peer${pair#*|}"
    cmp -s "$WORK/peer.json" "$WORK/${pair%%|*}.json" || die "peer $peer does not serve the emulator's bytes of ${pair#*|}"
  done
done
log "bare at $BARE, WireMock.Net at $WIREMOCK: both serve the emulator's bytes"

# ================================================================ 2. throughput rows, interleaved with the peers
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
three() { # ROW URL-PATH CURL-AUTH...: emulator, bare, WireMock
  local row=$1 path=$2; shift 2
  compare "$row" "emulator|$EMULATOR$path|$EMULATOR_PID" "bare|$BARE$path|$BARE_PID" "wiremock|$WIREMOCK$path|$WIREMOCK_PID" -- "$@"
}
three bp_list "$LIST_PATH$Q" "${LIST_AUTH[@]}"
three gb_list "$GB_PATH$Q" "${GB_LIST_AUTH[@]}"
three mb_list "$MB_PATH$Q" "${MB_LIST_AUTH[@]}"
three bp_get "$BP_GET_PATH" "${LIST_AUTH[@]}"
three gb_get "$GB_GET_PATH" "${GB_LIST_AUTH[@]}"
three mb_get "$MB_GET_PATH" "${MB_LIST_AUTH[@]}"
compare bp_create "emulator|$EMULATOR$LIST_PATH|$EMULATOR_PID" "bare|$BARE$LIST_PATH|$BARE_PID" -- \
  -s "$BENCH/lua/create.lua" "${CREATE_AUTH[@]}" "${JSON[@]}"
CREATE_TENANT_END=$(tenant_count "$EMULATOR" botpress "$CREATE_TOKEN" integrations || echo "?")
stop_server "$WIREMOCK_PID"

# ================================================================ 3. configurations, in equally warm processes
# Three fresh emulators (default; --journal-size 0; --validate-responses), the same warm-up each, then rounds of
# one run per configuration in turn; the overrides row alternates 20 non-matching overrides and none on the first.
log "configurations: three fresh emulators (default, --journal-size 0, --validate-responses)"
start_server cfg-default "$WORK/cfg-default.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning
CFG_A=$SERVER_URL CFG_A_PID=$SERVER_PID
start_server cfg-nojournal "$WORK/cfg-nojournal.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning --journal-size 0
CFG_B=$SERVER_URL CFG_B_PID=$SERVER_PID
start_server cfg-validate "$WORK/cfg-validate.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning --validate-responses
CFG_C=$SERVER_URL CFG_C_PID=$SERVER_PID
HUB_AUTH=(-H "Authorization: Bearer bp_pat_benchhub${RUN_ID}" -H "x-workspace-id: $WORKSPACE")
overrides_json() { # 20 WireMock mappings for other paths (GETs of single integrations of the three vendors)
  local i path sep="" out="["
  for i in $(seq 1 20); do
    case $((i % 3)) in
      0) path="$LIST_PATH/intver_bench_override_$i" ;;
      1) path="$GB_PATH/bench-override-$i" ;;
      *) path="$MB_PATH/bench-override-$i" ;;
    esac
    out+="$sep{\"Request\":{\"Path\":\"$path\",\"Methods\":[\"GET\"]},\"Response\":{\"StatusCode\":418}}"; sep=","
  done
  echo "$out]"
}
compare config "on|$CFG_A$HUB_PATH$Q|$CFG_A_PID" "nojournal|$CFG_B$HUB_PATH$Q|$CFG_B_PID" "validate|$CFG_C$HUB_PATH$Q|$CFG_C_PID" -- "${HUB_AUTH[@]}"
log "overrides: 20 non-matching overrides on the default configuration's emulator, alternating with none"
for round in $(seq "$ROUNDS"); do
  curl -sS --fail-with-body -o /dev/null -X POST "${JSON[@]}" --data "$(overrides_json)" "$CFG_A/_emulator/overrides" || die "install overrides"
  wrk_once overrides with "$CFG_A$HUB_PATH$Q" "$CFG_A_PID" "$round" "$DURATION" -t"$THREADS" -c"$CONNECTIONS" "${HUB_AUTH[@]}"
  curl -sS --fail-with-body -o /dev/null -X DELETE "$CFG_A/_emulator/overrides" || die "clear overrides"
  wrk_once overrides without "$CFG_A$HUB_PATH$Q" "$CFG_A_PID" "$round" "$DURATION" -t"$THREADS" -c"$CONNECTIONS" "${HUB_AUTH[@]}"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
for pid in "$CFG_A_PID" "$CFG_B_PID" "$CFG_C_PID"; do stop_server "$pid"; done

# The emulator's own log (Warning and above) during the throughput rows: anything there taints them.
STARTUP_LINE='^[a-z]+ +http://'
EMULATOR_LOG_LINES=$(grep -cvE "$STARTUP_LINE" "$WORK/emulator.out" || true)
[ "$EMULATOR_LOG_LINES" -eq 0 ] || { log "the emulator logged $EMULATOR_LOG_LINES warning/error lines; first ones:"; grep -vE "$STARTUP_LINE" "$WORK/emulator.out" | head -5 >&2; }
stop_server "$EMULATOR_PID"

# ================================================================ 4. the large-body burst, in the background
# scripts/bigbody.py starts its own emulator, sends the burst, then idles BIGBODY_AFTER s: it runs while the flatness
# tenant is seeded (not measured) and the processes below are measured (another process's RSS is not affected).
if [ "$BIGBODY_REQUESTS" -gt 0 ]; then
  log "large-body burst in the background: scripts/bigbody.py --requests $BIGBODY_REQUESTS --after $BIGBODY_AFTER --variants 0,2,5,6,7"
  python3 "$ROOT/scripts/bigbody.py" --requests "$BIGBODY_REQUESTS" --after "$BIGBODY_AFTER" --variants 0,2,5,6,7 --dll "$EMULATOR_DLL" \
    >"$WORK/bigbody.txt" 2>&1 &
  BIGBODY_PID=$!
fi

# ================================================================ 5. flat as data grows; memory
log "flatness: a fresh emulator; Membrane tenants of $FLAT_SMALL and up to $FLAT_COUNT integrations (createIntegration with wrk)"
start_server flat "$WORK/flat.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning
FLAT=$SERVER_URL FLAT_PID=$SERVER_PID
SMALL_TOKEN="pat-benchsmall${RUN_ID}" BIG_TOKEN="pat-benchbig${RUN_ID}"
SMALL_AUTH=(-H "Authorization: Bearer $SMALL_TOKEN" -H "membrane-api-version: $MB_API_VERSION")
BIG_AUTH=(-H "Authorization: Bearer $BIG_TOKEN" -H "membrane-api-version: $MB_API_VERSION")
flat_seed() { # TOKEN-AUTH-NAME TOKEN TOTAL TIMEOUT: grows the tenant to TOTAL integrations; sets FLAT_N
  local -n auth=$1
  local token=$2 total=$3 timeout=$4 have need
  have=$(tenant_count "$FLAT" membrane "$token" integrations || true)
  need=$(( total - ${have:-0} ))
  if [ "$need" -gt 0 ]; then
    seed flat "$BENCH/lua/membrane-create.lua" "$FLAT$MB_PATH" $(( (need + THREADS - 1) / THREADS )) "$timeout" "${auth[@]}" "${JSON[@]}"
    FLAT_FAILED=$(( ${FLAT_FAILED:-0} + SEED_FAILED ))
    log "  seeded at ~${SEED_RPS:-?} req/s"
  fi
  FLAT_N=$(tenant_count "$FLAT" membrane "$token" integrations)
}
curl -sS --fail-with-body -o /dev/null "${SMALL_AUTH[@]}" "$FLAT$MB_PATH?limit=1" || die "flat small tenant"
curl -sS --fail-with-body -o /dev/null "${BIG_AUTH[@]}" "$FLAT$MB_PATH?limit=1" || die "flat big tenant"
FLAT_FAILED=0
flat_seed SMALL_AUTH "$SMALL_TOKEN" "$FLAT_SMALL" 120; FLAT_SMALL_N=$FLAT_N
FLAT_T0=$SECONDS
flat_seed BIG_AUTH "$BIG_TOKEN" "$FLAT_MEM_COUNT" "$FLAT_SEED_TIMEOUT"; FLAT_MEM_N=$FLAT_N
# The idle trim (IdleMemoryTrimmer) collects after 5 s without allocation: read RSS once it has had its chance.
sleep 12
RSS_MEM=$(rss_mb "$FLAT_PID") RSS_MEM_FAILED=$FLAT_FAILED
log "  RSS with $FLAT_MEM_N (+ $FLAT_SMALL_N) integrations: $RSS_MEM MB"
flat_seed BIG_AUTH "$BIG_TOKEN" "$FLAT_COUNT" $(( FLAT_SEED_TIMEOUT - (SECONDS - FLAT_T0) > 10 ? FLAT_SEED_TIMEOUT - (SECONDS - FLAT_T0) : 10 )); FLAT_BIG_N=$FLAT_N
log "  tenants: $FLAT_SMALL_N and $FLAT_BIG_N integrations; page latency on one connection, interleaved"
BAD[flat/small]="0 0" BAD[flat/big]="0 0"
for auth in SMALL_AUTH BIG_AUTH; do # the same warm-up for both
  declare -n warm_auth=$auth
  run wrk -t1 -c1 -d"$FLAT_DURATION" "${warm_auth[@]}" "$FLAT$MB_PATH$Q" >"$WORK/warmup.txt" 2>&1 || die "wrk flat warm-up"
  unset -n warm_auth
done
for round in $(seq "$ROUNDS"); do
  wrk_once flat small "$FLAT$MB_PATH$Q" "$FLAT_PID" "$round" "$FLAT_DURATION" -t1 -c1 "${SMALL_AUTH[@]}"
  wrk_once flat big "$FLAT$MB_PATH$Q" "$FLAT_PID" "$round" "$FLAT_DURATION" -t1 -c1 "${BIG_AUTH[@]}"
done
stop_server "$FLAT_PID"

log "tenants: a fresh emulator, $TENANTS new credentials × 3 vendors, one request each"
start_server tenants "$WORK/tenants.out" '^control' dotnet "$EMULATOR_DLL" --port 0 --log-level Warning
TEN=$SERVER_URL TEN_PID=$SERVER_PID
curl -sS --fail-with-body -o /dev/null -H "Authorization: Bearer bp_pat_warm${RUN_ID}" -H "x-workspace-id: $WORKSPACE" "$TEN$LIST_PATH$Q" || die "tenants warm-up"
sleep 6
RSS_TEN_IDLE=$(rss_mb "$TEN_PID")
{
  for i in $(seq "$TENANTS"); do
    printf 'url = "%s"\nheader = "Authorization: Bearer bp_pat_t%s_%s"\nheader = "x-workspace-id: %s"\noutput = "/dev/null"\nwrite-out = "%%{http_code} %%{time_total}\\n"\nnext\n' "$TEN$LIST_PATH$Q" "$RUN_ID" "$i" "$WORKSPACE"
    printf 'url = "%s"\nheader = "Authorization: Bearer gb_t%s_%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code} %%{time_total}\\n"\nnext\n' "$TEN$GB_PATH$Q" "$RUN_ID" "$i"
    printf 'url = "%s"\nheader = "Authorization: Bearer pat-t%s-%s"\nheader = "membrane-api-version: %s"\noutput = "/dev/null"\nwrite-out = "%%{http_code} %%{time_total}\\n"\nnext\n' "$TEN$MB_PATH$Q" "$RUN_ID" "$i" "$MB_API_VERSION"
  done
} | sed '$d' >"$WORK/tenants.cfg"
curl -sS -K "$WORK/tenants.cfg" >"$WORK/tenants.txt" 2>"$WORK/tenants.err" || true
TEN_DONE=$(wc -l <"$WORK/tenants.txt" | tr -d ' ')
TEN_BAD=$(awk '$1 !~ /^2/ { n++ } END { print n + 0 }' "$WORK/tenants.txt")
TEN_FIRST_MS=$(awk '{ print $2 * 1000 }' "$WORK/tenants.txt" | sort -g | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')
sleep 12
RSS_TEN=$(rss_mb "$TEN_PID")
log "  $TEN_DONE requests ($TEN_BAD not 2xx), first request of a new tenant over HTTP: median $TEN_FIRST_MS ms; RSS idle $RSS_TEN_IDLE MB → $RSS_TEN MB"
stop_server "$TEN_PID"

# ================================================================ 6. cold start (fresh processes, interleaved)
log "cold start: $COLD_ROUNDS rounds of bare app, emulator, emulator --seed-count $COLD_SEED_COUNT (fresh process each)"
run dotnet "$COLD_DLL" --rounds "$COLD_ROUNDS" --header "Authorization: Bearer bp_pat_cold${RUN_ID}" --header "x-workspace-id: $WORKSPACE" \
  --- bare "$LIST_PATH" - dotnet "$BASELINE_DLL" "{port}" "$LIST_PATH=$WORK/bp-list.json" \
  --- emulator /_emulator/health "$LIST_PATH$Q" dotnet "$EMULATOR_DLL" --port "{port}" --log-level Warning \
  --- seeded /_emulator/health "$LIST_PATH$Q" dotnet "$EMULATOR_DLL" --port "{port}" --log-level Warning --seed-count "$COLD_SEED_COUNT" \
  >"$WORK/cold.txt" 2>"$WORK/cold.err" || { cat "$WORK/cold.err" >&2; die "ColdStart"; }
cold() { awk -v k="$1" -v f="$2" '$1 == "RESULT" && $2 == k { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$WORK/cold.txt"; }

log "in-process cold start: $COLD_ROUNDS fresh StartupProbe --cold processes"
INPROC_COLD=()
for i in $(seq "$COLD_ROUNDS"); do
  run dotnet "$PROBE_DLL" --cold >"$WORK/probe-cold-$i.txt" 2>&1 || { cat "$WORK/probe-cold-$i.txt" >&2; die "StartupProbe --cold"; }
  INPROC_COLD+=("$(awk '$1 == "RESULT" && $2 == "start_first_response_ms" { split($3, kv, "="); print kv[2] }' "$WORK/probe-cold-$i.txt")")
done
log "in-process warm start: StartupProbe, $PROBE_ROUNDS rounds after $PROBE_WARMUP warm-up rounds"
run dotnet "$PROBE_DLL" --rounds "$PROBE_ROUNDS" --warmup "$PROBE_WARMUP" >"$WORK/probe.txt" 2>&1 || { cat "$WORK/probe.txt" >&2; die "StartupProbe"; }
probe() { awk -v k="$1" -v f="$2" '$1 == "RESULT" && $2 == k { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$WORK/probe.txt"; }

# ================================================================ 7. memory after the burst
BIG_LINE="" BIG_STATUSES=""
if [ -n "$BIGBODY_PID" ]; then
  log "waiting for the large-body run"
  wait "$BIGBODY_PID" || true
  BIGBODY_PID=""
  BIG_LINE=$(grep '^RSS MB:' "$WORK/bigbody.txt" || true)
  BIG_STATUSES=$(sed -n 's/.*statuses \({.*}\)$/\1/p' "$WORK/bigbody.txt")
  [ -n "$BIG_LINE" ] || { cat "$WORK/bigbody.txt" >&2; log "the large-body run printed no RSS line"; }
fi

# ================================================================ the table
log "report"
ratio_row() { # FIGURE TARGET-TEXT ROW A B OP LIMIT: throughput ratio A/B (median of per-round ratios)
  local figure=$1 ttext=$2 row=$3 a=$4 b=$5 op=$6 limit=$7 r
  r=$(per_round RPS "$row" "$a" "$b")
  add "$figure" "$ttext" "**$(fmt "$r")×** ($a $(med RPS "$row/$a") req/s, $b $(med RPS "$row/$b") req/s; medians of $ROUNDS)" "$r" "$op" "$limit" "$(invalid "$row" "$a" "$b")"
}
p99_row() { # FIGURE ROW
  local r
  r=$(per_round P99 "$2" emulator bare)
  add "$1 p99" "≤ 3× bare's p99" "**$(fmt "$r")×** (emulator $(fmt "$(med P99 "$2/emulator")") ms, bare $(fmt "$(med P99 "$2/bare")") ms)" "$r" "<=" 3 "$(invalid "$2" emulator bare)"
}

section "Start-up"
C_EMU=$(cold emulator_first median) C_BARE=$(cold bare_first median) C_SEED=$(cold seeded_first median)
C_ERR_BASE=$(( $(cold emulator_first errors) + $(cold bare_first errors) ))
cold_reason() { [ "$1" -eq 0 ] || printf '%s round(s) without a 200' "$1"; }
R=$(awk -v a="$C_EMU" -v b="$C_BARE" 'BEGIN { printf "%.4f", a / b }')
add "Process start → healthy, emulator / bare app (fresh process, median of $COLD_ROUNDS)" "≤ 1.25×" \
  "**$(fmt "$R")×** (emulator $(fmt "$C_EMU" 0) ms to /_emulator/health, bare $(fmt "$C_BARE" 0) ms to its first 200)" "$R" "<=" 1.25 "$(cold_reason "$C_ERR_BASE")"
add "Cold start: process start → first Botpress list (emulator)" "reported" \
  "$(fmt "$(cold emulator_then median)" 0) ms (min $(fmt "$(cold emulator_then min)" 0), max $(fmt "$(cold emulator_then max)" 0))" "" info "" "$(cold_reason "$(cold emulator_first errors)")"
R=$(awk -v a="$C_SEED" -v b="$C_EMU" 'BEGIN { printf "%.4f", a / b }')
add "Process start → healthy, \`--seed-count $COLD_SEED_COUNT\` / default" "≤ 2×" \
  "**$(fmt "$R")×** ($(fmt "$C_SEED" 0) ms vs $(fmt "$C_EMU" 0) ms; first list $(fmt "$(cold seeded_then median)" 0) ms)" "$R" "<=" 2 "$(cold_reason "$(( $(cold seeded_first errors) + $(cold emulator_first errors) ))")"
V=$(median "${INPROC_COLD[@]}")
add "First \`StartAsync()\` + first response, fresh test process (median of $COLD_ROUNDS processes)" "≤ 150 ms" \
  "**$(fmt "$V" 1) ms** (min $(fmt "$(printf '%s\n' "${INPROC_COLD[@]}" | sort -g | head -1)" 1), max $(fmt "$(printf '%s\n' "${INPROC_COLD[@]}" | sort -g | tail -1)" 1))" "$V" "<=" 150 ""
V=$(probe start_first_response_ms median)
add "Warm \`StartAsync()\` + first response (one process, $PROBE_ROUNDS rounds after $PROBE_WARMUP)" "≤ 10 ms" \
  "**$(fmt "$V") ms** (p90 $(probe start_first_response_ms p90))" "$V" "<=" 10 ""
V=$(probe new_tenant_first_request_ms median)
add "A new tenant's first request, default seed (in process, Botpress list, warm client)" "≤ 1 ms" \
  "**$(fmt "$V") ms** (p90 $(probe new_tenant_first_request_ms p90); the same request as a known tenant $(fmt "$(probe known_tenant_request_ms median)") ms; over HTTP, 3 × $TENANTS new tenants: median $TEN_FIRST_MS ms)" "$V" "<=" 1 ""

section "Throughput (wrk -t$THREADS -c$CONNECTIONS, $ROUNDS interleaved rounds of $DURATION after $WARMUP warm-up each)"
ratio_row "Botpress list, $(size bp-list) B page, $BP_SEEDED integrations" "≥ 0.85× bare" bp_list emulator bare ">=" 0.85
ratio_row "Botpress list vs WireMock.Net stub" "≥ 1.1× WireMock" bp_list emulator wiremock ">=" 1.1
ratio_row "GitBook list, $(size gb-list) B page, $GB_SEEDED integrations" "≥ 0.85× bare" gb_list emulator bare ">=" 0.85
ratio_row "GitBook list vs WireMock.Net stub" "≥ 1.1× WireMock" gb_list emulator wiremock ">=" 1.1
ratio_row "Membrane list, $(size mb-list) B page, $MB_SEEDED integrations" "≥ 0.85× bare" mb_list emulator bare ">=" 0.85
ratio_row "Membrane list vs WireMock.Net stub" "≥ 1.1× WireMock" mb_list emulator wiremock ">=" 1.1
ratio_row "Botpress getPublicIntegrationById (hub), $(size bp-get) B" "≥ 0.9× bare" bp_get emulator bare ">=" 0.9
ratio_row "GitBook getIntegrationByName, $(size gb-get) B" "≥ 0.9× bare" gb_get emulator bare ">=" 0.9
ratio_row "Membrane getIntegration, $(size mb-get) B" "≥ 0.9× bare" mb_get emulator bare ">=" 0.9
ratio_row "Botpress get by id vs WireMock.Net stub" "reported" bp_get emulator wiremock info ""
ratio_row "GitBook get by name vs WireMock.Net stub" "reported" gb_get emulator wiremock info ""
ratio_row "Membrane get by id vs WireMock.Net stub" "reported" mb_get emulator wiremock info ""
ratio_row "Botpress createIntegration, validated body (tenant at ${CREATE_TENANT_END} at the end)" "≥ 0.5× bare" bp_create emulator bare ">=" 0.5
for pair in "bp_list|Botpress list" "gb_list|GitBook list" "mb_list|Membrane list" "bp_get|Botpress get by id" "gb_get|GitBook get by name" "mb_get|Membrane get by id" "bp_create|Botpress createIntegration"; do
  p99_row "${pair#*|}" "${pair%%|*}"
done

section "Configurations (hub list, fresh emulators warmed equally, $ROUNDS interleaved rounds)"
ratio_row "Request journal on (1000) / \`--journal-size 0\`" "reported" config on nojournal info ""
ratio_row "\`--validate-responses\` / off" "reported" config validate on info ""
ratio_row "20 non-matching overrides / none (same process, alternating)" "≥ 0.9×" overrides with without ">=" 0.9

section "Flat as data grows; memory"
R=$(per_round P50 flat big small)
FLAT_REASON=$(invalid flat small big)
[ "$FLAT_BIG_N" -ge "$FLAT_COUNT" ] || FLAT_REASON+="${FLAT_REASON:+; }only $FLAT_BIG_N of $FLAT_COUNT seeded within ${FLAT_SEED_TIMEOUT}s"
[ "$FLAT_FAILED" -eq 0 ] || FLAT_REASON+="${FLAT_REASON:+; }seeding had $FLAT_FAILED non-2xx/socket errors"
add "Page latency (Membrane list, 1 connection, median), $FLAT_BIG_N vs $FLAT_SMALL_N integrations in a tenant" "≤ 1.5×" \
  "**$(fmt "$R")×** ($(fmt "$(med P50 flat/big)" 3) ms vs $(fmt "$(med P50 flat/small)" 3) ms; p99 $(fmt "$(med P99 flat/big)") vs $(fmt "$(med P99 flat/small)") ms)" "$R" "<=" 1.5 "$FLAT_REASON"
MEM_REASON=""
[ "$FLAT_MEM_N" -ge "$FLAT_MEM_COUNT" ] || MEM_REASON="only $FLAT_MEM_N of $FLAT_MEM_COUNT seeded"
[ "$RSS_MEM_FAILED" -eq 0 ] || MEM_REASON+="${MEM_REASON:+; }seeding had $RSS_MEM_FAILED non-2xx/socket errors"
add "RSS with $FLAT_MEM_N integrations in a tenant (+ $FLAT_SMALL_N in another), idle 12 s after seeding" "≤ 300 MB" "**$RSS_MEM MB**" "$RSS_MEM" "<=" 300 "$MEM_REASON"
TEN_REASON=""
[ "$TEN_BAD" -eq 0 ] || TEN_REASON="$TEN_BAD non-2xx"
[ "$TEN_DONE" -eq $(( TENANTS * 3 )) ] || TEN_REASON+="${TEN_REASON:+; }$TEN_DONE of $(( TENANTS * 3 )) requests answered"
add "RSS with $TENANTS tenants of default seed per vendor (one request per new credential), idle 12 s after" "≤ 500 MB" "**$RSS_TEN MB** (idle before: $RSS_TEN_IDLE MB)" "$RSS_TEN" "<=" 500 "$TEN_REASON"
if [ -n "$BIG_LINE" ]; then
  BIG_IDLE=$(sed -n 's/.*idle \([0-9]*\),.*/\1/p' <<<"$BIG_LINE")
  BIG_PEAK=$(sed -n 's/.*peak \([0-9]*\),.*/\1/p' <<<"$BIG_LINE")
  BIG_AFTER_MB=$(sed -n 's/.* s after \([0-9]*\) .*/\1/p' <<<"$BIG_LINE")
  R=$(awk -v a="$BIG_AFTER_MB" -v b="$BIG_IDLE" 'BEGIN { printf "%.4f", a / b }')
  # The bodies are refused on purpose (4xx) or answered 200; an exception (no answer) or a 5xx invalidates the row.
  BIG_REASON=$(jq -r 'to_entries | map(select((.key | test("^[1-4][0-9][0-9]$")) | not)) | map("\(.value) × \(.key)") | join(", ")' <<<"${BIG_STATUSES//\'/\"}" 2>/dev/null || echo "statuses unreadable")
  add "RSS $BIGBODY_AFTER s after a burst of $BIGBODY_REQUESTS × 5 MB bodies / idle" "≤ 1.5×" \
    "**$(fmt "$R")×** (idle $BIG_IDLE MB, peak $BIG_PEAK MB, after $BIG_AFTER_MB MB; statuses $BIG_STATUSES)" "$R" "<=" 1.5 "$BIG_REASON"
else
  add "RSS $BIGBODY_AFTER s after a burst of large bodies / idle" "≤ 1.5×" "not measured (BIGBODY_REQUESTS=0 or the run failed)" "" info "" "not measured"
fi

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
DIRTY=""
if git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q .; then DIRTY=" + uncommitted changes in src/"; fi
{
  echo "# Emulator benchmark — $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
  echo
  echo "Commit \`$COMMIT\`$DIRTY · $(nproc) cores · $(uname -sr) · dotnet $(dotnet --version) · $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2) · run took $((SECONDS - T0)) s"
  echo "Load average before / after the throughput and configuration rows: $LOAD_BEFORE / $LOAD_AFTER (ratios are of peers measured interleaved in this run)."
  echo "Emulator warning/error log lines during the throughput rows: $EMULATOR_LOG_LINES."
  echo
  echo "| figure | target | measured (ratio, and the raw numbers it came from) | valid | met |"
  echo "|---|---|---|---|---|"
  cat "$TABLE"
  echo
  echo "A row is invalid when any of its wrk runs (emulator or peer, warm-up excluded) had a non-2xx answer or a socket error,"
  echo "or its seeding/requests failed; an invalid row is never \"met\". Ratios: the median over rounds of the per-round ratio."
  echo
  echo "Every wrk run (bench/results/wrk/ROW-TARGET-ROUND.txt):"
  echo
  echo "| row | round | target | req/s | p50 ms | p99 ms | non-2xx | socket errors | server CPU µs/req |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$WORK/detail.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
  echo
  echo "Warm in-process probe:"
  echo
  echo '```'
  grep -v '^RESULT' "$WORK/probe.txt"
  echo '```'
  [ -z "$BIG_LINE" ] || { echo; echo "Large-body run (scripts/bigbody.py):"; echo; echo '```'; cat "$WORK/bigbody.txt"; echo '```'; }
} >"$RESULTS/latest.md"

echo
cat "$RESULTS/latest.md"
log "done in $((SECONDS - T0)) s; results in bench/results/latest.md"
