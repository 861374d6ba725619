using System.Runtime.CompilerServices;

namespace IntegrationsApiEmulator.Server;

/// <summary>
/// Gives memory back once the server goes quiet. The GC only runs when the program allocates, so after a burst
/// (say a test suite sending 5 MB bodies) an idle server keeps its garbage, and the committed heap behind it, for
/// as long as it stays idle. Every 5 s this looks at how much was allocated since the last look: when the server
/// has gone quiet (under 1 MB in 5 s) after allocating 32 MB or more since the last trim, it runs one aggressive
/// full collection (compacting the large object heap and decommitting the free memory), and a second one 65 s
/// later if still quiet. Under load it never runs; idle after a burst, twice. <c>EMULATOR_IDLE_TRIM=false</c> turns it off. A module initializer, so it needs no
/// line in the command code and also covers the server started by <c>dotnet emulator.dll</c> in the image.
/// </summary>
internal static class IdleMemoryTrimmer
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private const long QuietBytes = 1L << 20;
    private const long WorthTrimmingBytes = 32L << 20;

    /// <summary>
    /// A second trim, still quiet, a little over a minute after the first: the shared array pools give back (at a
    /// full collection) only buffers unused for 60 s, so the first trim, seconds after the burst, keeps those.
    /// </summary>
    private const long FollowUpMilliseconds = 65_000;

    private static Timer? s_timer;
    private static long s_lastAllocated;
    private static long s_allocatedAtTrim;
    private static long s_followUpAt = long.MaxValue;

    /// <summary>Number of trims so far (for tests and diagnostics).</summary>
    public static int Trims { get; private set; }

#pragma warning disable CA2255 // The module initializer is the point: it starts the trimmer in the executable, which is not a library.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Start()
    {
        if (Environment.GetEnvironmentVariable("EMULATOR_IDLE_TRIM") is { } setting
            && (setting.Equals("false", StringComparison.OrdinalIgnoreCase) || setting == "0")) return;
        s_lastAllocated = s_allocatedAtTrim = GC.GetTotalAllocatedBytes();
        s_timer = new Timer(_ => Tick(), null, Period, Period);
    }

    private static void Tick()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var quiet = allocated - s_lastAllocated < QuietBytes;
        s_lastAllocated = allocated;
        if (!quiet) return;
        if (allocated - s_allocatedAtTrim >= WorthTrimmingBytes)
        {
            Trim();
            s_followUpAt = Environment.TickCount64 + FollowUpMilliseconds;
        }
        else if (Environment.TickCount64 >= s_followUpAt)
        {
            Trim();
            s_followUpAt = long.MaxValue;
        }
    }

    private static void Trim()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        s_allocatedAtTrim = s_lastAllocated = GC.GetTotalAllocatedBytes();
        Trims++;
    }
}
