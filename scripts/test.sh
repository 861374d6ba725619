#!/usr/bin/env bash
# Runs every test: the xunit suites (unit + in-process), the packages, the docs test (scripts/docs-test.sh: every
# code block of README.md and fixtures/README.md run as written), then the contract tests, which drive the
# official vendor clients (Node) against the emulator server started here on Kestrel at a free port,
# then the vendor contract suites again in parity mode against the same server, then the container image and the
# Testcontainers module (scripts/container-test.sh; SKIP_CONTAINER_TESTS=1 skips it).
# --quick: build, xunit without the slow tests (fuzz, load, kill) and the contract tests; no packages, docs, parity
# or container run.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=${CONFIGURATION:-Debug}
quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac
# The slow tests: the fuzz suites (Category=Fuzz, FuzzLarge) and tests/Emulator.Tests/Load (1,000-write races, kill -9).
quick_filter='Category!=Fuzz&Category!=FuzzLarge&FullyQualifiedName!~IntegrationsApiEmulator.Tests.Load.'

echo "== build"
dotnet build Emulator.sln -c "$configuration" -nologo -v quiet

echo "== xunit"
if $quick; then
  dotnet test Emulator.sln -c "$configuration" --no-build -nologo --filter "$quick_filter"
else
  dotnet test Emulator.sln -c "$configuration" --no-build -nologo

  echo "== packages: scripts/pack.sh into artifacts/packages, then the consumers in tests/Packages from that feed"
  ./scripts/pack.sh
  tests/Packages/run.sh
fi

echo "== contract tests (official clients)"
(cd tests/contract && npm ci --no-audit --no-fund --loglevel=error)
# The dashboard's browser test (tests/contract/control/dashboard.test.mjs) drives Debian's chromium, never a download.
if ! command -v chromium >/dev/null; then
  echo "== installing chromium (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

if ! $quick; then
  echo "== docs: every code block of README.md and fixtures/README.md, run as written"
  CONFIGURATION="$configuration" ./scripts/docs-test.sh
fi

log=$(mktemp)
dotnet "src/Emulator.Server/bin/$configuration/net10.0/emulator.dll" --port 0 --validate-responses --log-level Warning >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

root=""
for _ in $(seq 1 300); do
  root=$(sed -n 's#^botpress *\(http://[^ ]*\)/botpress$#\1#p' "$log" | head -n 1)
  [ -n "$root" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "emulator exited before it listened" >&2; exit 1; }
  sleep 0.1
done
[ -n "$root" ] || { cat "$log"; echo "emulator did not start within 30 s" >&2; exit 1; }
echo "emulator at $root"

status=0
EMULATOR_URL="$root" EMULATOR_DLL="$PWD/src/Emulator.Server/bin/$configuration/net10.0/emulator.dll" npm --prefix tests/contract test || status=$?
if $quick; then
  [ "$status" -eq 0 ] || { echo "---- emulator log"; cat "$log"; }
  exit "$status"
fi

# The parity run (tests/contract/README.md) pointed at this emulator as if it were the three vendors: their base URLs,
# an account each (fresh tokens; the seeded workspace and organization, which hold data as a real account's do), and
# no EMULATOR_URL, so a test that still needs the emulator itself fails instead of passing by accident.
echo "== parity run: the vendor suites through the vendors' variables only"
fresh() { printf '%s%s' "$1" "$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"; }
env -u EMULATOR_URL \
  BOTPRESS_URL="$root/botpress" BOTPRESS_TOKEN="$(fresh bp_pat_parity_)" BOTPRESS_WORKSPACE_ID=wkspace_01JEMULATEDEFAULTWORKSPACE \
  GITBOOK_URL="$root/gitbook" GITBOOK_TOKEN="$(fresh gb_parity_)" GITBOOK_ORGANIZATION_ID=emulator-org \
  MEMBRANE_URL="$root/membrane" MEMBRANE_TOKEN="$(fresh pat-parity-)" \
  npm --prefix tests/contract run test:parity || status=$?
if [ "$status" -ne 0 ]; then
  echo "---- emulator log"
  cat "$log"
fi
kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true

# ---- The Docker image and the Testcontainers module (scripts/container-test.sh): podman, as root. One timed start
# instead of five keeps it shorter; SKIP_CONTAINER_TESTS=1 skips it on machines without podman (README "Tests").
if [ "${SKIP_CONTAINER_TESTS:-0}" = 1 ]; then
  echo "== container image and Testcontainers module: skipped (SKIP_CONTAINER_TESTS=1)"
else
  echo "== container image and Testcontainers module (scripts/container-test.sh)"
  HEALTHY_RUNS=${HEALTHY_RUNS:-1} CONFIGURATION="$configuration" ./scripts/container-test.sh || status=$?
fi
exit "$status"
