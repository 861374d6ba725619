#!/usr/bin/env bash
# Packs every packable project under src/ into artifacts/packages (gitignored), Release, with SourceLink and symbols.
#
#   scripts/pack.sh                     # Directory.Build.props' Version + a unique pre-release suffix (0.1.0-local.…)
#   scripts/pack.sh --version 0.1.0     # exactly this version (a release)
#   PACK_VERSION=0.1.0 scripts/pack.sh
#
# The unique default keeps the NuGet global packages cache from serving an older package of the same version to the
# consumers in tests/Packages. The version packed is written to artifacts/packages/version.txt and printed last.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${PACK_VERSION:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version=${2:?--version needs a value}; shift 2 ;;
    *) echo "usage: scripts/pack.sh [--version X.Y.Z[-suffix]]" >&2; exit 2 ;;
  esac
done
props_version=$(sed -n 's#.*<Version>\(.*\)</Version>.*#\1#p' Directory.Build.props | head -n 1)
[ -n "$props_version" ] || { echo "no <Version> in Directory.Build.props" >&2; exit 1; }
version=${version:-$props_version-local.$(date -u +%Y%m%d%H%M%S).$$}

out=artifacts/packages
mkdir -p "$out"
# Only this version's packages in the feed: an older pack never answers for a newer consumer.
rm -f "$out"/*.nupkg "$out"/*.snupkg "$out/version.txt"
for project in src/*/*.csproj; do
  dotnet pack "$project" -c Release -o "$out" -p:Version="$version" -p:ContinuousIntegrationBuild=true -nologo -v quiet
done
ls "$out"/*.nupkg >/dev/null 2>&1 || { echo "nothing was packed" >&2; exit 1; }
echo "$version" >"$out/version.txt"
echo "$version"
