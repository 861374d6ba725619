using System.Diagnostics;

namespace IntegrationsApiEmulator.Tests.Hosting;

/// <summary>The real server executable (<c>emulator.dll</c>, built next to this test assembly's configuration), run as a process.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _root = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private ServerProcess(Process process) => _process = process;

    /// <summary>Starts the server on a free port at log level Warning, with <paramref name="arguments"/> and <paramref name="environment"/> added.</summary>
    public static ServerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Run(["--port", "0", "--log-level", "Warning", .. arguments], environment);

    /// <summary>Runs <c>emulator</c> with exactly <paramref name="arguments"/>.</summary>
    public static ServerProcess Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll());
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var server = new ServerProcess(new Process { StartInfo = start });
        server._process.OutputDataReceived += (_, line) => server.OnLine(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.OnLine(line.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The root URL once the server prints its addresses; throws with its output if it exits or takes 30 s.</summary>
    public async Task<Uri> RootAsync()
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_root.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != _root.Task)
        {
            lock (_output) throw new InvalidOperationException("The server did not start:\n" + string.Join("\n", _output));
        }
        return await _root.Task;
    }

    /// <summary>Waits for the process to exit (30 s at most) and returns its exit code and everything it printed.</summary>
    public async Task<(int ExitCode, string Output)> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the output readers
        lock (_output) return (_process.ExitCode, string.Join("\n", _output));
    }

    /// <summary>SIGKILL: no shutdown path runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        // "control   http://127.0.0.1:PORT/_emulator/health"
        if (line.StartsWith("control", StringComparison.Ordinal))
            _root.TrySetResult(new Uri(new Uri(line["control".Length..].Trim()), "/"));
    }

    private static string ServerDll()
    {
        // The test assembly runs from tests/Emulator.Tests/bin/<Configuration>/net10.0/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Emulator.sln"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "Emulator.Server", "bin", configuration, framework, "emulator.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Emulator.Server first", dll);
    }
}
