using System.CommandLine;
using System.Runtime.InteropServices;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static IntegrationsApiEmulator.Server.EnvironmentOption;

namespace IntegrationsApiEmulator.Server;

/// <summary>The <c>emulator</c> command line: options → <see cref="EmulatorOptions"/> → Kestrel.</summary>
public static class ServerCommand
{
    /// <summary>
    /// Parses and runs the command line. A bad flag or value is one plain line per problem on stderr (the flag, the value,
    /// what is allowed) and exit code 2 — no help dump, no stack trace; <c>--help</c> lists the options.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        var parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var message in parsed.Errors.Select(e => e.Message).Distinct())
                await error.WriteLineAsync($"emulator: {message.TrimEnd('.')} (see emulator --help)");
            return 2;
        }
        // The server handles SIGTERM/Ctrl-C itself (graceful stop, exit 0), so System.CommandLine must not.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Error = error });
    }

    public static RootCommand Create()
    {
        var port = EnvironmentOption.Create("--port", "TCP port to listen on (0 picks a free port)", 5080, WholeNumber(0, 65535));
        var host = EnvironmentOption.Create("--host", "IP address to bind (0.0.0.0 for all interfaces)", "127.0.0.1", IpHost);
        var seed = EnvironmentOption.Create("--seed", "Seed of the generated data: the same seed serves the same data", EmulatorOptions.DefaultSeed, WholeNumber(int.MinValue, int.MaxValue));
        var fixtures = EnvironmentOption.Create("--fixtures", "Directory of fixture files loaded on top of the seeded data (see fixtures/README.md)", null, ExistingDirectory);
        var noSeed = EnvironmentOption.Create("--no-seed", "No generated data: only the default workspace, user and organization, and what --fixtures loads", false, EnvironmentOption.Boolean);
        var seedCount = EnvironmentOption.Create("--seed-count", "Scale each vendor's generated catalogue to N entries (large data sets)", null, OptionalWholeNumber(1, 1_000_000));
        var logLevel = EnvironmentOption.Create("--log-level", "Minimum level of log messages", LogLevel.Information, OneOf<LogLevel>());
        var validateResponses = EnvironmentOption.Create("--validate-responses", "Check every response against the vendor schema (a mismatch answers 500)", false, EnvironmentOption.Boolean);
        var overrides = EnvironmentOption.Create("--overrides", "Directory of WireMock mapping files (*.json) that answer matching vendor requests before the emulator does", null, ExistingDirectory);
        var stateFile = EnvironmentOption.Create("--state-file", "State snapshot file: loaded at start when it exists, saved on shutdown and on POST /_emulator/state/save", null, FileInExistingDirectory);
        var adminToken = EnvironmentOption.Create("--admin-token", "Require 'Authorization: Bearer <token>' on every /_emulator route except health", null, Token);
        var maxBody = EnvironmentOption.Create("--max-body-bytes", "Largest request body accepted (larger gets the vendor's 413)", EmulatorOptions.Default.MaxRequestBodyBytes, WholeNumber(1L, int.MaxValue));
        var journalSize = EnvironmentOption.Create("--journal-size", "Vendor requests kept in the request journal (GET /_emulator/requests); 0 turns it off", EmulatorOptions.Default.JournalSize, WholeNumber(0, 1_000_000));

        var command = new RootCommand("Integrations API Emulator: Botpress, GitBook and Membrane integrations APIs, in memory.")
        {
            port, host, seed, noSeed, seedCount, fixtures, overrides, logLevel, validateResponses, maxBody, journalSize, adminToken, stateFile,
        };
        command.Subcommands.Add(HealthCheckCommand.Create());
        command.SetAction(async (parsed, cancellationToken) =>
        {
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

    private static bool InUse(Exception? e) =>
        e is not null && (e is Microsoft.AspNetCore.Connections.AddressInUseException
            || e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || InUse(e.InnerException));

    private static async Task<int> RunAsync(EmulatorOptions options, string host, int port, LogLevel logLevel, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = IntegrationsEmulator.BuildKestrelApp(options, host, port, logging => logging
                .SetMinimumLevel(logLevel)
                .AddFilter("Microsoft.AspNetCore", logLevel < LogLevel.Warning ? LogLevel.Warning : logLevel)
                // The host logs a start-up failure (a port in use) with its whole stack trace; it is reported below in one line.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical)
                .AddSimpleConsole(console => console.SingleLine = true));
            // With fixtures, the templates are built before the listener starts, so a bad fixture stops start-up. Without,
            // they are built in the background once it listens; a vendor request that comes first waits for its own.
            var seedInBackground = options.FixturesDirectory is null;
            if (!seedInBackground) app.Services.PrepareTemplates();
            // Before the host starts, so a bad state file is one line on stderr rather than a hosting failure log.
            app.Services.GetRequiredService<EmulatorState>().Load();
            app.Services.GetRequiredService<OverrideFiles>().Load();
            await app.StartAsync(cancellationToken);
            if (seedInBackground) _ = Task.Run(app.Services.PrepareTemplates, CancellationToken.None);
        }
        catch (Exception e) when (InUse(e))
        {
            await Console.Error.WriteLineAsync($"emulator: port {port} is in use on {host}: choose another with --port (0 picks a free one)");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
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
        Console.WriteLine($"{"dashboard",-10}{new Uri(root, "_emulator/")}");
        await app.WaitForShutdownAsync(cancellationToken);
        await app.DisposeAsync();
        return 0;
    }
}
