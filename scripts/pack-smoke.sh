#!/usr/bin/env bash
# Proves `dotnet pack` makes a package that a test project outside this solution can reference:
# packs src/Emulator under a unique pre-release version, then builds and runs a one-test xunit
# project in a temporary directory that references it (the same steps README.md gives users).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-smoke.$(date +%s)"

dotnet pack src/Emulator -c Release -o "$work/packages" -p:Version="$version" -nologo -v quiet
mkdir "$work/consumer"
cat >"$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="emulator" value="$work/packages" />
    <add key="nuget" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat >"$work/consumer/Consumer.Tests.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="IntegrationsApiEmulator" Version="$version" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
    <PackageReference Include="xunit" Version="2.9.3" />
    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
  </ItemGroup>
</Project>
XML
cat >"$work/consumer/HubTests.cs" <<'CS'
using IntegrationsApiEmulator;
using Xunit;

public class HubTests
{
    [Fact]
    public async Task The_packaged_emulator_serves_the_botpress_hub()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var botpress = emulator.CreateBotpressClient();
        var body = await botpress.GetStringAsync("v1/admin/hub/integrations?limit=2");
        Assert.Contains("\"ownerWorkspace\"", body);
    }
}
CS
dotnet test "$work/consumer" -nologo -v quiet
