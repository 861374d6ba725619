using IntegrationsApiEmulator.Client;

namespace IntegrationsApiEmulator.Xunit;

/// <summary>
/// One in-process emulator (<see cref="IntegrationsEmulator.StartAsync"/>, no socket) shared by the tests of a
/// class, a collection or an assembly; each test takes its own tenant with <see cref="NewTenant"/>, so tests stay
/// independent and may run in parallel. Subclass it and override <see cref="CreateOptions"/> for other options.
/// </summary>
public partial class IntegrationsEmulatorFixture
{
    private IntegrationsEmulator? _emulator;
    private HttpClient? _controlHttp;
    private EmulatorControlClient? _control;

    /// <summary>The emulator: clock, faults, overrides, fixtures, journal, state (shared by every test of the fixture).</summary>
    public IntegrationsEmulator Emulator => _emulator ?? throw NotStarted();

    /// <summary>
    /// The control-plane client of this emulator (journal assertions, faults, clock, ...), the same one a Docker or
    /// Kestrel emulator is driven with.
    /// </summary>
    public EmulatorControlClient Control => _control ?? throw NotStarted();

    /// <summary>
    /// A fresh tenant for one test: new credentials for the three vendors (each a freshly seeded copy of the template),
    /// ready <see cref="HttpClient"/>s, and its own view of the journal. Dispose it at the end of the test.
    /// </summary>
    public EmulatorTenant NewTenant() => new(Emulator, Control);

    /// <summary>The options the emulator starts with; <see cref="EmulatorOptions.Default"/> unless overridden.</summary>
    protected virtual EmulatorOptions CreateOptions() => EmulatorOptions.Default;

    /// <summary>Starts the emulator (called by xunit before the first test of the fixture).</summary>
    protected async Task StartEmulatorAsync()
    {
        var options = CreateOptions();
        _emulator = await IntegrationsEmulator.StartAsync(options).ConfigureAwait(false);
        _controlHttp = _emulator.CreateClient();
        _control = new EmulatorControlClient(_controlHttp, options.AdminToken);
    }

    /// <summary>Stops the emulator (called by xunit after the last test of the fixture).</summary>
    protected async Task StopEmulatorAsync()
    {
        _control?.Dispose();
        _controlHttp?.Dispose();
        if (_emulator is not null) await _emulator.DisposeAsync().ConfigureAwait(false);
        _emulator = null;
        _control = null;
        _controlHttp = null;
    }

    private static InvalidOperationException NotStarted() =>
        new("The emulator is not started: use the fixture through xunit (IClassFixture, ICollectionFixture or an assembly fixture).");
}
