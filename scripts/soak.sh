#!/usr/bin/env bash
# Soak: mixed traffic over the three vendors at about 70 % of the measured maximum, RSS sampled as a curve.
#
#   scripts/soak.sh                      # 10 minutes (SOAK_SECONDS=600)
#   SOAK_SECONDS=120 scripts/soak.sh     # a quick run
#
# Environment: SOAK_SECONDS (600), SOAK_LOAD (0.7, the fraction of the maximum), SOAK_SAMPLE (5, seconds between
# RSS samples), SOAK_WARMUP (60 or a fifth of the run, whichever is smaller: samples before it are warm-up),
# SOAK_CONNECTIONS (64), SOAK_MAX_SECONDS (15, the maximum measurement). Other variables reach the server
# (DOTNET_GCHeapHardLimit=..., EMULATOR_...).
#
# 1. builds and starts the Release server on a free port;
# 2. measures the maximum req/s of the mixed workload (scripts/soak.lua: list/get/create+delete on Botpress,
#    list/get/publish+unpublish on GitBook, list/get/patch on Membrane; state stays bounded): wrk -t2 -c32, after
#    a warm-up run of the same length;
# 3. 70 %: wrk has no rate limit (wrk2 is not available), so every connection waits between a response and its
#    next request (wrk's delay() hook): delay = connections / target - time per request. Up to three 5 s
#    calibration runs correct the delay (starting at connections / target); the achieved fraction is printed.
#    On a shared machine the maximum itself moves with the other load, so the fraction is approximate;
# 4. runs the soak for SOAK_SECONDS, sampling the server's VmRSS (/proc/PID/status) every SOAK_SAMPLE seconds;
# 5. prints the curve, wrk's non-2xx and socket errors, and whether RSS stays within ±10 % of the median of the
#    samples after warm-up. Exit 1 on errors or a non-flat curve.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOAK_SECONDS="${SOAK_SECONDS:-600}"
SOAK_LOAD="${SOAK_LOAD:-0.7}"
SOAK_SAMPLE="${SOAK_SAMPLE:-5}"
SOAK_CONNECTIONS="${SOAK_CONNECTIONS:-64}"
SOAK_MAX_SECONDS="${SOAK_MAX_SECONDS:-15}"
default_warmup=$(( SOAK_SECONDS / 5 < 60 ? SOAK_SECONDS / 5 : 60 ))
SOAK_WARMUP="${SOAK_WARMUP:-$default_warmup}"
LUA="$ROOT/scripts/soak.lua"
WORK="$(mktemp -d /tmp/soak.XXXXXX)"
SERVER_PID=""

log() { printf '[soak %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { log "wrk is missing: apt-get install -y wrk (bench/run.sh installs it)"; exit 2; }

log "building the Release server"
dotnet build "$ROOT/src/Emulator.Server" -c Release -nologo -v quiet >"$WORK/build.txt" 2>&1 || { cat "$WORK/build.txt"; exit 2; }
DLL="$ROOT/src/Emulator.Server/bin/Release/net10.0/emulator.dll"

dotnet "$DLL" --port 0 --log-level Warning >"$WORK/server.txt" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do grep -q '^control' "$WORK/server.txt" 2>/dev/null && break; sleep 0.1; done
ROOT_URL="$(sed -n 's#^control *\(http://[^/]*\)/.*#\1#p' "$WORK/server.txt")"
[[ -n "$ROOT_URL" ]] || { cat "$WORK/server.txt"; log "the server did not start"; exit 2; }
log "server pid $SERVER_PID at $ROOT_URL"

# A Botpress integration to get: one created up front in the soak workspace (never deleted).
BP_ID="$(curl -sf -X POST "$ROOT_URL/botpress/v1/admin/integrations" -H 'Authorization: Bearer bp_pat_soak' \
  -H 'x-workspace-id: wkspace_soak' -H 'Content-Type: application/json' -d '{"name":"keep","version":"1.0.0"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["integration"]["id"])')"

rps_of() { awk '/^Requests\/sec:/ {print int($2)}' "$1"; }
latency_ms_of() { awk '/^    Latency/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$1"; }
errors_of() {
  local non2xx sock
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1"); sock=$(awk '/Socket errors:/ {gsub(",",""); print $4+$6+$8+$10}' "$1")
  echo "non-2xx ${non2xx:-0}, socket errors ${sock:-0}"
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }

log "measuring the maximum: warm-up ${SOAK_MAX_SECONDS}s, then wrk -t2 -c32 -d${SOAK_MAX_SECONDS}s"
wrk -t2 -c32 -d"${SOAK_MAX_SECONDS}s" -s "$LUA" "$ROOT_URL" -- w "$BP_ID" >"$WORK/warm.txt" 2>&1
wrk -t2 -c32 -d"${SOAK_MAX_SECONDS}s" -s "$LUA" "$ROOT_URL" -- m "$BP_ID" >"$WORK/max.txt" 2>&1
MAX=$(rps_of "$WORK/max.txt")
TARGET=$(awk -v m="$MAX" -v f="$SOAK_LOAD" 'BEGIN {print int(m * f)}')
log "maximum $MAX req/s ($(errors_of "$WORK/max.txt")); target $TARGET req/s"

DELAY=$(awk -v c="$SOAK_CONNECTIONS" -v t="$TARGET" 'BEGIN {printf "%.3f", 1000 * c / t}')
# Up to three 5 s calibration runs: each corrects the delay by the time per request beyond it that it measured
# (delay += connections/target - connections/achieved); stop once within ±5 % of the target.
for round in 1 2 3; do
  wrk -t2 -c"$SOAK_CONNECTIONS" -d5s -s "$LUA" "$ROOT_URL" -- "c$round" "$BP_ID" "$DELAY" >"$WORK/cal.txt" 2>&1
  CAL=$(rps_of "$WORK/cal.txt")
  log "calibration $round: $CAL req/s at a per-connection delay of $DELAY ms"
  awk -v a="$CAL" -v t="$TARGET" 'BEGIN {exit !(a >= 0.95 * t && a <= 1.05 * t)}' && break
  DELAY=$(awk -v c="$SOAK_CONNECTIONS" -v t="$TARGET" -v a="$CAL" -v d="$DELAY" 'BEGIN {x = d + 1000 * c / t - 1000 * c / a; if (x < 0) x = 0; printf "%.3f", x}')
done
log "per-connection delay $DELAY ms"

log "soak: ${SOAK_SECONDS}s, $SOAK_CONNECTIONS connections, RSS every ${SOAK_SAMPLE}s (warm-up ${SOAK_WARMUP}s)"
wrk -t2 -c"$SOAK_CONNECTIONS" -d"${SOAK_SECONDS}s" --timeout 10s -s "$LUA" "$ROOT_URL" -- s "$BP_ID" "$DELAY" >"$WORK/soak.txt" 2>&1 &
WRK_PID=$!
START=$(date +%s)
: >"$WORK/rss.txt"
while kill -0 "$WRK_PID" 2>/dev/null; do
  echo "$(( $(date +%s) - START )) $(rss_kb)" >>"$WORK/rss.txt"
  sleep "$SOAK_SAMPLE"
done
wait "$WRK_PID" || true
kill -0 "$SERVER_PID" 2>/dev/null || { log "the server died"; cat "$WORK/server.txt"; exit 1; }

echo
echo "== soak: ${SOAK_SECONDS}s at $(rps_of "$WORK/soak.txt") req/s (target $TARGET = ${SOAK_LOAD} x maximum $MAX)"
grep -E "Latency|Requests/sec|requests in" "$WORK/soak.txt" | sed 's/^/   /'
echo "   errors: $(errors_of "$WORK/soak.txt")"
echo "   load: $(awk -v a="$(rps_of "$WORK/soak.txt")" -v m="$MAX" 'BEGIN {printf "%.2f", a / m}') x the measured maximum; load average $(cut -d' ' -f1-3 /proc/loadavg) (above 2, other work shared the cores)"
echo "   entities at the end: $(curl -sf "$ROOT_URL/_emulator/tenants" | tr -d '\n' | head -c 600)"
echo "== RSS (MB) every ${SOAK_SAMPLE}s:"
awk '{printf "%s%ds %.0f", (NR>1 ? ", " : "   "), $1, $2/1024} END {print ""}' "$WORK/rss.txt"
VERDICT=$(awk -v w="$SOAK_WARMUP" '$1 >= w {print $2}' "$WORK/rss.txt" | sort -n | awk '{v[NR] = $1} END {
  if (NR == 0) {print "no samples after warm-up"; exit}
  med = v[int((NR + 1) / 2)]; lo = v[1]; hi = v[NR];
  flat = (lo >= 0.9 * med && hi <= 1.1 * med) ? "FLAT" : "NOT FLAT";
  printf "%s: after warm-up %d samples, median %.0f MB, min %.0f MB (%+.1f%%), max %.0f MB (%+.1f%%)", flat, NR, med/1024, lo/1024, 100*(lo/med-1), hi/1024, 100*(hi/med-1)}')
echo "== $VERDICT (within ±10% of the median)"
ERRS=$(errors_of "$WORK/soak.txt")
[[ "$ERRS" == "non-2xx 0, socket errors 0" && "$VERDICT" == FLAT* ]]
