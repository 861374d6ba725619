#!/usr/bin/env bash
# Runs every test: the xunit suites (unit + in-process), then the contract tests, which drive the
# official vendor clients (Node) against the emulator server started here on Kestrel at a free port.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=${CONFIGURATION:-Debug}

echo "== build"
dotnet build Emulator.sln -c "$configuration" -nologo -v quiet

echo "== xunit"
dotnet test Emulator.sln -c "$configuration" --no-build -nologo

echo "== package: a project outside the solution references the packed library"
./scripts/pack-smoke.sh

echo "== contract tests (official clients)"
(cd tests/contract && npm ci --no-audit --no-fund --loglevel=error)

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
EMULATOR_URL="$root" npm --prefix tests/contract test || status=$?
if [ "$status" -ne 0 ]; then
  echo "---- emulator log"
  cat "$log"
fi
exit "$status"
