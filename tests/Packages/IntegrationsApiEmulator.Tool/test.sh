#!/usr/bin/env bash
# The dotnet tool as a user installs it: from the local feed into a temporary tool path (nothing user-wide), then
# `integrations-emulator --port 0`, its printed botpress base URL, /_emulator/health at the packed version, stopped.
#   EMULATOR_PACKAGE_VERSION=0.1.0-local.… tests/Packages/IntegrationsApiEmulator.Tool/test.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
version=${EMULATOR_PACKAGE_VERSION:?set EMULATOR_PACKAGE_VERSION (tests/Packages/run.sh does)}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet tool install --tool-path "$work/tools" --add-source "$PWD/artifacts/packages" \
  IntegrationsApiEmulator.Tool --version "$version" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }

"$work/tools/integrations-emulator" --port 0 --log-level Warning >"$work/server.log" 2>&1 &
server=$!
root=""
for _ in $(seq 1 300); do
  root=$(sed -n 's#^botpress *\(http://[^ ]*\)/botpress$#\1#p' "$work/server.log" | head -n 1)
  [ -n "$root" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; echo "integrations-emulator exited before it listened" >&2; exit 1; }
  sleep 0.1
done
[ -n "$root" ] || { cat "$work/server.log"; echo "integrations-emulator did not print its botpress URL within 30 s" >&2; exit 1; }

health=$(curl -fsS "$root/_emulator/health")
reported=$(printf '%s' "$health" | sed -n 's#.*"version":"\([^"]*\)".*#\1#p')
[ "$reported" = "$version" ] || { echo "health says version '$reported', the package is $version: $health" >&2; exit 1; }
curl -fsS -H 'Authorization: Bearer bp_pat_tool_smoke' "$root/botpress/v1/admin/hub/integrations?limit=1" | grep -q '"integrations"' \
  || { echo "the tool's botpress hub did not answer" >&2; exit 1; }
echo "integrations-emulator $version from the feed: listened at $root, health $health"
