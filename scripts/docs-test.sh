#!/usr/bin/env bash
# The docs test: runs every fenced code block of README.md and fixtures/README.md as written (tests/Docs/README.md).
# Needs the server built (CONFIGURATION, default Debug) and tests/contract/node_modules (npm ci); --build builds the
# server first. A block that breaks fails with its file and line. Other arguments go to tests/Docs/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${CONFIGURATION:-Debug}
if [ "${1:-}" = "--build" ]; then
  shift
  dotnet build src/Emulator.Server -c "$configuration" -nologo -v quiet
fi
[ -d tests/contract/node_modules ] || (cd tests/contract && npm ci --no-audit --no-fund --loglevel=error)
# First the harness's own test: a markdown file of broken blocks, each must be reported at its line.
node tests/Docs/selftest.mjs --configuration "$configuration"
exec node tests/Docs/run.mjs --configuration "$configuration" "$@"
