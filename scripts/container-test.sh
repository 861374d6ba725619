#!/usr/bin/env bash
# Proves the Dockerfile: builds the image with podman against local stand-ins of the .NET base images (the public
# registries are out of reach here), runs it with a loopback port mapping, waits until `podman healthcheck run`
# reports healthy, checks that the image's OCI labels, its /_emulator/health and the packages carry the one version
# of Directory.Build.props, runs the contract tests of all three vendors against it, reports the image size and the time
# from `podman run` to healthy (median of HEALTHY_RUNS), and removes what it made. The stand-in base images stay
# cached in EMULATOR_CONTAINER_CACHE, keyed by this machine's .NET versions (see /work/shared/reference/containers.md).
# Then runs tests/Emulator.Testcontainers.Tests (the Testcontainers module) against the same image through podman's
# Docker-compatible API (`podman system service`), Ryuk off: the tests and the trap remove every container they made.
#
#   scripts/container-test.sh                 # needs root (apt, podman); tests/contract must be npm-installed
#   HEALTHY_RUNS=1 scripts/container-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=${EMULATOR_CONTAINER_CACHE:-/var/tmp/emulator-containers}
HEALTHY_RUNS=${HEALTHY_RUNS:-5}
RUN_ID="$$"
IMAGE="localhost/integrations-api-emulator:ci-$RUN_ID"
NAME="emulator-ci-$RUN_ID"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/emulator-container.XXXXXX")

need=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ "${#need[@]}" -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq podman runc debootstrap >/dev/null
fi

# Podman with this machine's limits and runc (crun refuses this host's cgroup layout); storage in the cache.
mkdir -p "$CACHE"
cat > "$CACHE/containers.conf" <<'C'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
C
printf '[storage]\ndriver = "overlay"\ngraphroot = "%s/storage"\nrunroot = "%s/runroot"\n' "$CACHE" "$CACHE" > "$CACHE/storage.conf"
export CONTAINERS_CONF="$CACHE/containers.conf" CONTAINERS_STORAGE_CONF="$CACHE/storage.conf"

# One run at a time per cache (two CI runs on one machine share the stand-ins).
exec 9>"$CACHE/lock"
flock 9

cleanup() {
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  # Whatever the Testcontainers tests left (they label their containers with this run), then the API service.
  podman ps -aq --filter "label=org.integrations-api-emulator.ci-run=$RUN_ID" | xargs -r podman rm -f >/dev/null 2>&1 || true
  if [ -n "${service:-}" ]; then kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; fi
  podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
  podman image prune -f >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- stand-ins of mcr.microsoft.com/dotnet/{sdk,aspnet}:10.0, built once per .NET version
DOTNET_DIR=$(dirname "$(readlink -f "$(command -v dotnet)")")
RUNTIME_VERSION=$(ls "$DOTNET_DIR/shared/Microsoft.AspNetCore.App" | sort -V | tail -n 1)
SDK_VERSION=$(dotnet --version)
BASE=localhost/emulator-standin-bookworm:12
ASPNET=localhost/emulator-standin-aspnet:$RUNTIME_VERSION
SDK=localhost/emulator-standin-sdk:$SDK_VERSION

if ! podman image exists "$BASE"; then
  # The mirror apt already uses (deb822 .sources or one-line sources.list), never written into the repository.
  mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -E '^(URIs:|deb )' | grep -v security | head -n 1 | awk '{print $2}' || true)
  [ -n "$mirror" ] || { echo "no Debian mirror found in the apt sources" >&2; exit 1; }
  echo "== stand-in base: debootstrap bookworm from $mirror (about a minute, once)"
  debootstrap --variant=minbase --include=ca-certificates,libicu72,tzdata bookworm "$WORK/rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log"; exit 1; }
  tar -C "$WORK/rootfs" --numeric-owner -c . | podman import - "$BASE" >/dev/null
  rm -rf "$WORK/rootfs"
fi
if ! podman image exists "$ASPNET"; then
  echo "== stand-in aspnet $RUNTIME_VERSION"
  mkdir -p "$WORK/aspnet/dotnet/shared"
  cp -a "$DOTNET_DIR/dotnet" "$DOTNET_DIR/host" "$WORK/aspnet/dotnet/"
  cp -a "$DOTNET_DIR/shared/Microsoft.NETCore.App" "$DOTNET_DIR/shared/Microsoft.AspNetCore.App" "$WORK/aspnet/dotnet/shared/"
  cat > "$WORK/aspnet/Containerfile" <<C
FROM $BASE
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --home-dir /app --shell /usr/sbin/nologin app
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
C
  podman build -q --format docker -t "$ASPNET" "$WORK/aspnet" >/dev/null
  rm -rf "$WORK/aspnet"
fi
if ! podman image exists "$SDK"; then
  echo "== stand-in sdk $SDK_VERSION"
  cat > "$WORK/Containerfile.sdk" <<C
FROM $BASE
COPY . /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_RUNNING_IN_CONTAINER=true DOTNET_CLI_TELEMETRY_OPTOUT=1
C
  podman build -q --format docker -f "$WORK/Containerfile.sdk" -t "$SDK" "$DOTNET_DIR" >/dev/null
fi

# ---- the image, from the repository's Dockerfile, at the one version (Directory.Build.props) and this commit
VERSION=$(sed -n 's#.*<Version>\(.*\)</Version>.*#\1#p' Directory.Build.props | head -n 1)
REVISION=$(git rev-parse HEAD 2>/dev/null || true)
echo "== podman build (Dockerfile, stand-in base images), version $VERSION${REVISION:+, commit $REVISION}"
started=$SECONDS
podman build --format docker -v /etc/ssl/certs:/etc/ssl/certs:ro \
  --build-arg SDK_IMAGE="$SDK" --build-arg RUNTIME_IMAGE="$ASPNET" \
  --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
  --build-arg NUGET_CERT_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-online}" \
  -t "$IMAGE" . >"$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log"; exit 1; }
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
echo "built in $((SECONDS - started)) s; image size $((size / 1000000)) MB ($size bytes)"

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
now_ms() { date +%s%3N; }

# Starts the container and waits for `podman healthcheck run` to pass; prints the milliseconds it took.
start_healthy() {
  local port=$1; shift
  local t0; t0=$(now_ms)
  podman run -d --name "$NAME" -p "127.0.0.1:$port:8080" "$@" "$IMAGE" >/dev/null 2>"$WORK/run.log" \
    || { cat "$WORK/run.log"; return 1; }
  for _ in $(seq 1 600); do
    if podman healthcheck run "$NAME" >/dev/null 2>&1; then echo $(($(now_ms) - t0)); return 0; fi
    [ "$(podman inspect --format '{{.State.Running}}' "$NAME")" = true ] || break
    sleep 0.05
  done
  podman logs "$NAME" >&2 || true
  echo "container did not become healthy" >&2
  return 1
}

echo "== time from podman run to healthy ($HEALTHY_RUNS runs)"
times=()
for _ in $(seq 1 "$HEALTHY_RUNS"); do
  times+=("$(start_healthy "$(free_port)")")
  podman rm -f "$NAME" >/dev/null
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}')
echo "runs: ${times[*]} ms; median $median ms"

echo "== contract tests against the container"
port=$(free_port)
start_healthy "$port" -e EMULATOR_VALIDATE_RESPONSES=true -e EMULATOR_LOG_LEVEL=Warning >/dev/null

echo "== one version: image label, health in the container, packages"
label() { podman image inspect --format "{{ index .Config.Labels \"org.opencontainers.image.$1\" }}" "$IMAGE"; }
health=$(curl -fsS "http://127.0.0.1:$port/_emulator/health")
health_version=$(printf '%s' "$health" | sed -n 's#.*"version":"\([^"]*\)".*#\1#p')
package_versions=$(for project in src/*/*.csproj; do dotnet msbuild "$project" -getProperty:PackageVersion; done | sort -u)
echo "label $(label version), health $health_version, packages $package_versions; revision label $(label revision)"
[ "$(label version)" = "$VERSION" ] || { echo "image label version '$(label version)' is not $VERSION" >&2; exit 1; }
[ "$health_version" = "$VERSION" ] || { echo "health in the container says '$health_version', not $VERSION: $health" >&2; exit 1; }
[ "$package_versions" = "$VERSION" ] || { echo "package versions '$package_versions' are not $VERSION" >&2; exit 1; }
[ "$(label revision)" = "$REVISION" ] || { echo "image label revision '$(label revision)' is not $REVISION" >&2; exit 1; }
[ -z "$REVISION" ] || grep -qF "\"commit\":\"$REVISION\"" <<<"$health" || { echo "health does not report commit $REVISION: $health" >&2; exit 1; }
source_url=$(dotnet msbuild src/Emulator/Emulator.csproj -getProperty:EmulatorRepositoryUrl)
[ "$(label source)" = "$source_url" ] || { echo "image label source '$(label source)' is not EmulatorRepositoryUrl $source_url" >&2; exit 1; }
for name in title description licenses; do [ -n "$(label "$name")" ] || { echo "no org.opencontainers.image.$name label" >&2; exit 1; }; done
[ "$(podman exec "$NAME" id -u)" != 0 ] || { echo "the container runs as root" >&2; exit 1; }
status=0
# GitBook dev-mode tests start tunnel servers on this machine that the emulator in the container calls back.
EMULATOR_URL="http://127.0.0.1:$port" TUNNEL_BIND=0.0.0.0 TUNNEL_HOST=host.containers.internal \
  npm --prefix tests/contract test || status=$?
if [ "$status" -ne 0 ]; then echo "---- container log"; podman logs "$NAME" | tail -n 50; fi
podman rm -f "$NAME" >/dev/null

echo "== Testcontainers module (tests/Emulator.Testcontainers.Tests) through podman's Docker API"
socket="$WORK/podman.sock"
podman system service --time=0 "unix://$socket" >"$WORK/podman-service.log" 2>&1 &
service=$!
for _ in $(seq 1 100); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { cat "$WORK/podman-service.log"; echo "podman system service did not open $socket" >&2; exit 1; }
started=$SECONDS
# Ryuk (the resource reaper) cannot be pulled here: the tests dispose their containers, the trap removes the rest.
DOCKER_HOST="unix://$socket" TESTCONTAINERS_RYUK_DISABLED=true EMULATOR_IMAGE="$IMAGE" EMULATOR_CI_RUN="$RUN_ID" \
  dotnet test tests/Emulator.Testcontainers.Tests -c "${CONFIGURATION:-Debug}" -nologo -v quiet --logger "console;verbosity=normal" || status=$?
echo "Testcontainers tests took $((SECONDS - started)) s (build included)"
left=$(podman ps -aq --filter "label=org.integrations-api-emulator.ci-run=$RUN_ID")
[ -z "$left" ] || { echo "the Testcontainers tests left containers behind: $left" >&2; status=1; }

echo "image size $((size / 1000000)) MB; podman run → healthy median $median ms (${times[*]})"
exit "$status"
