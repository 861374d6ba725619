# Integrations API Emulator as a container: Botpress, GitBook and Membrane integrations APIs on port 8080.
#   docker build -t integrations-api-emulator .
#   docker run -p 5080:8080 integrations-api-emulator
# Base images are build arguments so CI can build against local stand-ins (scripts/container-test.sh).
# Version and commit (the OCI labels, /_emulator/health): --build-arg VERSION=<Directory.Build.props Version>
# --build-arg REVISION=$(git rev-parse HEAD); scripts/container-test.sh passes both. Without VERSION the build uses
# Directory.Build.props' Version and the version label stays empty.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# For build machines whose NuGet mirror cannot answer certificate revocation checks (--build-arg ...=offline).
ARG NUGET_CERT_REVOCATION_MODE
# Set by the builder (docker buildx, podman): amd64 or arm64. ReadyToRun code is compiled for it.
ARG TARGETARCH
ARG VERSION
ARG REVISION
# Restore first, from the project files only: this layer stays cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Emulator/Emulator.csproj src/Emulator/
COPY src/Emulator.Server/Emulator.Server.csproj src/Emulator.Server/
RUN dotnet restore src/Emulator.Server/Emulator.Server.csproj -r "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" -p:PublishReadyToRun=true
COPY schemas/ schemas/
COPY src/ src/
# Framework-dependent (the aspnet base layer is shared with other .NET images) and ReadyToRun (starts faster).
RUN dotnet publish src/Emulator.Server/Emulator.Server.csproj -c Release --no-restore -o /app \
      -r "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" --self-contained false \
      -p:UseAppHost=false -p:PublishReadyToRun=true -p:GenerateDocumentationFile=false \
      ${VERSION:+-p:Version=$VERSION} ${REVISION:+-p:SourceRevisionId=$REVISION}

FROM ${RUNTIME_IMAGE}
ARG VERSION
ARG REVISION
LABEL org.opencontainers.image.title="Integrations API Emulator" \
      org.opencontainers.image.description="Stateful in-memory emulator of the Botpress Cloud, GitBook and Membrane integrations APIs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://github.com/integrations-api-emulator/integrations-api-emulator"
WORKDIR /app
COPY --from=build /app .
# The repository's fixture sets (default and examples); mount your own at /fixtures and set EMULATOR_FIXTURES=/fixtures.
COPY fixtures/ /app/fixtures/
# Configuration: every server flag also reads EMULATOR_<FLAG> (EMULATOR_SEED, EMULATOR_FIXTURES, EMULATOR_STATE_FILE,
# EMULATOR_ADMIN_TOKEN, EMULATOR_LOG_LEVEL, ...). Inside the container it listens on all interfaces, port 8080.
# GC: workstation, non-concurrent, ConserveMemory 9 (emulator.runtimeconfig.json; README "Memory"). To cap the heap:
#   -e DOTNET_GCHeapHardLimit=0x20000000 (512 MiB; with a container memory limit .NET caps it at 75 % of that anyway).
ENV EMULATOR_HOST=0.0.0.0 \
    EMULATOR_PORT=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER root
RUN mkdir -p /data /fixtures && chown "$APP_UID" /data
# The state file's home: -v emulator-state:/data -e EMULATOR_STATE_FILE=/data/state.json
VOLUME /data
USER $APP_UID
EXPOSE 8080
# The runtime image has no curl or wget: the server asks itself.
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 CMD ["dotnet", "/app/emulator.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/emulator.dll"]
