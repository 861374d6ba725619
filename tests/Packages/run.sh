#!/usr/bin/env bash
# The repository's packages as users get them: checks what every package in artifacts/packages carries, then runs
# each consumer folder here against the local feed (tests/Packages/nuget.config; nothing user-wide changes).
#
#   scripts/pack.sh && tests/Packages/run.sh          # the version scripts/pack.sh wrote to artifacts/packages/version.txt
#   EMULATOR_PACKAGE_VERSION=0.1.0 tests/Packages/run.sh
#
# A consumer is a folder: with a test.sh, that script runs (EMULATOR_PACKAGE_VERSION set); with a project, `dotnet test`
# runs it with -p:EmulatorPackageVersion (Directory.Packages.props pins every package in the feed at that version).
set -euo pipefail
cd "$(dirname "$0")/../.."
feed=artifacts/packages
version=${EMULATOR_PACKAGE_VERSION:-$(cat "$feed/version.txt" 2>/dev/null || true)}
[ -n "$version" ] || { echo "no version: run scripts/pack.sh first, or set EMULATOR_PACKAGE_VERSION" >&2; exit 1; }
export EMULATOR_PACKAGE_VERSION=$version

packages=()
for nupkg in "$feed"/*."$version".nupkg; do
  [ -e "$nupkg" ] || { echo "no package at version $version in $feed" >&2; exit 1; }
  packages+=("$(basename "$nupkg" ".$version.nupkg")")
done

# What a package page and a debugger need: readme, licence, repository (with the commit), release notes, symbols,
# and the XML docs next to every library assembly.
failures=0
fail() { echo "  FAIL $1: $2" >&2; failures=$((failures + 1)); }
for id in "${packages[@]}"; do
  nupkg="$feed/$id.$version.nupkg"
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  files=$(unzip -Z1 "$nupkg")
  readme=$(printf '%s' "$nuspec" | sed -n 's#.*<readme>\(.*\)</readme>.*#\1#p')
  { [ -n "$readme" ] && grep -qxF "$readme" <<<"$files"; } || fail "$id" "no readme in the package"
  grep -qF '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id" "no MIT licence expression"
  grep -qE '<repository type="git" url="https://[^"]+"[^>]* commit="[0-9a-f]{40}"' <<<"$nuspec" || fail "$id" "no repository URL with its commit"
  grep -qE '<projectUrl>https://' <<<"$nuspec" || fail "$id" "no project URL"
  grep -qE '<releaseNotes>.*CHANGELOG.md</releaseNotes>' <<<"$nuspec" || fail "$id" "release notes do not point at CHANGELOG.md"
  [ -s "$feed/$id.$version.snupkg" ] || fail "$id" "no .snupkg next to it"
  for dll in $(grep -E '^lib/[^/]+/[^/]+\.dll$' <<<"$files" || true); do
    grep -qxF "${dll%.dll}.xml" <<<"$files" || fail "$id" "no XML docs for $dll"
  done
  echo "  $id $version: $(wc -l <<<"$files") files"
done
[ "$failures" -eq 0 ] || { echo "$failures package check(s) failed" >&2; exit 1; }

status=0
for consumer in tests/Packages/*/; do
  name=$(basename "$consumer")
  echo "== consumer: $name"
  if [ -x "$consumer/test.sh" ]; then
    "$consumer/test.sh" || status=1
  elif compgen -G "$consumer*.csproj" >/dev/null; then
    dotnet test "$consumer" -p:EmulatorPackageVersion="$version" -nologo -v quiet || status=1
  else
    echo "  $name has neither test.sh nor a project" >&2; status=1
  fi
done

# A test run's unique version is never needed again: drop it from the NuGet global packages cache.
if [[ "$version" == *-local.* ]]; then
  cache=$(dotnet nuget locals global-packages --list | sed -n 's#^global-packages: *##p')
  for id in "${packages[@]}"; do [ -n "$cache" ] && rm -rf "${cache%/}/${id,,}/$version"; done
fi
exit "$status"
