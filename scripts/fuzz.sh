#!/usr/bin/env bash
# The large fuzz run (issue 12): FUZZ_REQUESTS seeded requests (default 100,000) over every vendor and control-plane
# route against an in-process emulator on Kestrel, then the spec-driven contract fuzz; prints each summary (requests
# sent, statuses, failures grouped by class with examples, spec findings).
#   FUZZ_REQUESTS=100000 scripts/fuzz.sh                 # the large run
#   FUZZ_SEED=20261205 FUZZ_ONLY=5,12 scripts/fuzz.sh    # reproduce single requests of a run (seed + index)
# Knobs: FUZZ_SEED, FUZZ_CONCURRENCY (4), FUZZ_TIMEOUT_MS (10000), FUZZ_MAX_BODY_BYTES (1 MiB here, 64 KiB in CI).
# Exit status: non-zero when a run found failures.
set -uo pipefail
cd "$(dirname "$0")/.."
configuration=${CONFIGURATION:-Debug}
export FUZZ_REQUESTS=${FUZZ_REQUESTS:-100000}
if [ -n "${FUZZ_ONLY:-}" ]; then export FUZZ_REQUESTS=$(( $(tr ',' '\n' <<<"$FUZZ_ONLY" | sort -n | tail -1) + 1 )); fi
out=${FUZZ_OUT:-$(mktemp -d)}
mkdir -p "$out"
export FUZZ_REPORT="$out/fuzz-report.txt" SPEC_FUZZ_REPORT="$out/spec-fuzz-report.txt"

dotnet build tests/Emulator.Tests -c "$configuration" -nologo -v quiet || exit 1
status=0
dotnet test tests/Emulator.Tests -c "$configuration" --no-build -nologo \
  --filter "Category=FuzzLarge|FullyQualifiedName~SpecFuzzTests" >"$out/dotnet-test.log" 2>&1 || status=$?
for report in "$FUZZ_REPORT" "$SPEC_FUZZ_REPORT"; do
  if [ -f "$report" ]; then echo; cat "$report"; else echo "no report at $report (see $out/dotnet-test.log)"; fi
done
echo
echo "reports and the test log: $out"
exit $status
