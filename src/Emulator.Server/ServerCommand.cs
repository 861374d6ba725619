using System.CommandLine;
using System.Runtime.InteropServices;
using Emulator.ControlPlane;
using Emulator.Core;
using Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Server;

/// <summary>The <c>emulator</c> command line: options → <see cref="EmulatorOptions"/> → Kestrel.</summary>
public static class ServerCommand
{
    public static RootCommand Create()
    {
        var port = EnvironmentOption.Create<int>("--port", "TCP port to listen on (0 picks a free port)", 5080);
        var host = EnvironmentOption.Create<string>("--host", "IP address to bind (0.0.0.0 for all interfaces)", "127.0.0.1");
        var seed = EnvironmentOption.Create<int>("--seed", "Seed of the generated data: the same seed serves the same data", EmulatorOptions.DefaultSeed);
        var fixtures = EnvironmentOption.Create<DirectoryInfo?>("--fixtures", "Directory of fixture files loaded on top of the seeded data (see fixtures/README.md)", null);
        var noSeed = EnvironmentOption.Create<bool>("--no-seed", "No generated data: only the default workspace, user and organization, and what --fixtures loads", false);
        var seedCount = EnvironmentOption.Create<int?>("--seed-count", "Scale each vendor's generated catalogue to N entries (large data sets)", null);
        var logLevel = EnvironmentOption.Create<LogLevel>("--log-level", "Minimum level of log messages", LogLevel.Information);
        var validateResponses = EnvironmentOption.Create<bool>("--validate-responses", "Check every response against the vendor schema (a mismatch answers 500)", false);
        var overrides = EnvironmentOption.Create<DirectoryInfo?>("--overrides", "Directory of WireMock mapping files (*.json) that answer matching vendor requests before the emulator does", null);
        var stateFile = EnvironmentOption.Create<FileInfo?>("--state-file", "State snapshot file: loaded at start when it exists, saved on shutdown and on POST /_emulator/state/save", null);
        var adminToken = EnvironmentOption.Create<string?>("--admin-token", "Require 'Authorization: Bearer <token>' on every /_emulator route except health", null);
        var maxBody = EnvironmentOption.Create<long>("--max-body-bytes", "Largest request body accepted (larger gets the vendor's 413)", EmulatorOptions.Default.MaxRequestBodyBytes);
        var journalSize = EnvironmentOption.Create<int>("--journal-size", "Vendor requests kept in the request journal (GET /_emulator/requests); 0 turns it off", EmulatorOptions.Default.JournalSize);

        var command = new RootCommand("Integrations API Emulator: Botpress, GitBook and Membrane integrations APIs, in memory.")
        {
            port, host, seed, noSeed, seedCount, fixtures, overrides, logLevel, validateResponses, maxBody, journalSize, adminToken, stateFile,
        };
        command.Subcommands.Add(HealthCheckCommand.Create(port));
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(seedCount) is < 1 or > 1_000_000)
            {
                await Console.Error.WriteLineAsync("emulator: --seed-count must be between 1 and 1000000");
                return 2;
            }
            var options = EmulatorOptions.Default with
            {
                Seed = parsed.GetValue(seed),
                Seeded = !parsed.GetValue(noSeed),
                SeedCount = parsed.GetValue(seedCount),
                ValidateResponses = parsed.GetValue(validateResponses),
                MaxRequestBodyBytes = parsed.GetValue(maxBody),
                JournalSize = parsed.GetValue(journalSize),
                FixturesDirectory = parsed.GetValue(fixtures)?.FullName,
                OverridesDirectory = parsed.GetValue(overrides)?.FullName,
                AdminToken = parsed.GetValue(adminToken),
                StateFile = parsed.GetValue(stateFile)?.FullName,
            };
            return await RunAsync(options, parsed.GetValue(host)!, parsed.GetValue(port), parsed.GetValue(logLevel), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(EmulatorOptions options, string host, int port, LogLevel logLevel, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = IntegrationsEmulator.BuildKestrelApp(options, host, port, logging => logging
                .SetMinimumLevel(logLevel)
                .AddFilter("Microsoft.AspNetCore", logLevel < LogLevel.Warning ? LogLevel.Warning : logLevel)
                .AddSimpleConsole(console => console.SingleLine = true));
            app.Services.PrepareTemplates();
            // Before the host starts, so a bad state file is one line on stderr rather than a hosting failure log.
            app.Services.GetRequiredService<EmulatorState>().Load();
            app.Services.GetRequiredService<OverrideFiles>().Load();
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync("emulator: " + e.Message);
            return 2;
        }

        // SIGTERM (docker stop, CI) and Ctrl-C stop the server gracefully and exit 0.
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            lifetime.StopApplication();
        }

        var root = IntegrationsEmulator.ListeningAddress(app);
        foreach (var vendor in EmulatorApp.Vendors(options))
            Console.WriteLine($"{vendor.Name,-10}{new Uri(root, vendor.Name)}");
        Console.WriteLine($"{"control",-10}{new Uri(root, "_emulator/health")}");
        await app.WaitForShutdownAsync(cancellationToken);
        await app.DisposeAsync();
        return 0;
    }
}
