using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator;

/// <summary>
/// How an emulator instance behaves. Immutable; start from <see cref="Default"/> and use <c>with</c>.
/// </summary>
public sealed record EmulatorOptions
{
    /// <summary>The seed used when none is given: two starts with the same seed serve identical data.</summary>
    public const int DefaultSeed = 20240501;

    /// <summary>Default options: seed <see cref="DefaultSeed"/>, a virtual clock, 16 MiB bodies, no response self-validation.</summary>
    public static EmulatorOptions Default { get; } = new();

    /// <summary>Seed of the Bogus generators that build every vendor's template data.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// False (<c>--no-seed</c>): no generated data, only the fixed identities credentials map to, so the state is
    /// what the fixtures say.
    /// </summary>
    public bool Seeded { get; init; } = true;

    /// <summary>Scales each vendor's generated catalogue to this many entries (<c>--seed-count</c>); null for the default sizes.</summary>
    public int? SeedCount { get; init; }

    /// <summary>What the vendors' seeders generate.</summary>
    internal SeedProfile SeedProfile => new(Seed, Seeded, SeedCount);

    /// <summary>
    /// Validate every 2xx body the emulator writes against its response schema; a mismatch becomes the vendor's 500.
    /// On unless turned off: an emulator in tests should catch its own drift (the server turns it on with
    /// <c>--validate-responses</c>, off by default for throughput).
    /// </summary>
    public bool ValidateResponses { get; init; } = true;

    /// <summary>Bodies larger than this are refused with the vendor's 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// JSON bodies with more values than this (objects, arrays, strings, numbers, literals) are refused with the vendor's
    /// 400 before schema validation, so that refusing a body costs about what reading it costs. No vendor request comes near.
    /// </summary>
    public int MaxJsonValues { get; init; } = 250_000;

    /// <summary>JSON bodies with an array longer than this are refused with the vendor's 400 naming the array.</summary>
    public int MaxJsonArrayItems { get; init; } = 100_000;

    /// <summary>
    /// Requests whose target (path and query, as sent) is longer than this are refused with the vendor's 414. The server
    /// itself takes request lines up to <see cref="ServerMaxRequestLineBytes"/>, so the client sees the vendor's error.
    /// </summary>
    public int MaxRequestTargetLength { get; init; } = 16 * 1024;

    /// <summary>Requests whose headers (names and values) total more than this many bytes are refused with the vendor's 431.</summary>
    public int MaxRequestHeadersBytes { get; init; } = 64 * 1024;

    /// <summary>Requests with more header fields than this are refused with the vendor's 431.</summary>
    public int MaxRequestHeaderCount { get; init; } = 200;

    /// <summary>
    /// Kestrel's own limit on the request line (method, target, version); beyond it Kestrel answers a bare 414 before
    /// the emulator runs. Far above <see cref="MaxRequestTargetLength"/>.
    /// </summary>
    public int ServerMaxRequestLineBytes { get; init; } = 1024 * 1024;

    /// <summary>Kestrel's own limit on the size of all headers (a bare 431 beyond it). Far above <see cref="MaxRequestHeadersBytes"/>.</summary>
    public int ServerMaxRequestHeadersBytes { get; init; } = 1024 * 1024;

    /// <summary>Kestrel's own limit on the number of header fields (a bare 431 beyond it). Far above <see cref="MaxRequestHeaderCount"/>.</summary>
    public int ServerMaxRequestHeaderCount { get; init; } = 2000;

    /// <summary>When set, every <c>/_emulator</c> route except health requires <c>Authorization: Bearer {AdminToken}</c>.</summary>
    public string? AdminToken { get; init; }

    /// <summary>
    /// How many vendor requests the request journal keeps (<c>GET /_emulator/requests</c>), newest replacing oldest;
    /// 0 turns the journal off.
    /// </summary>
    public int JournalSize { get; init; } = 1000;

    /// <summary>A directory of fixture files loaded into every vendor's template on top of the seeded data, or null.</summary>
    public string? FixturesDirectory { get; init; }

    /// <summary>
    /// A directory of WireMock mapping files (<c>*.json</c>, each one mapping or an array of them) installed as
    /// overrides at start (<c>--overrides DIR</c>), or null. A file the emulator refuses stops start-up.
    /// </summary>
    public string? OverridesDirectory { get; init; }

    /// <summary>
    /// A state snapshot file, or null: loaded at start when it exists (an unreadable or invalid file stops
    /// start-up), written atomically on shutdown and on <c>POST /_emulator/state/save</c>.
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>
    /// The clock every timestamp and schedule reads. Null (the default): the emulator's own
    /// <see cref="VirtualClock"/>, which <c>/_emulator/clock</c> freezes, advances and sets. A clock you supply
    /// (a <c>FakeTimeProvider</c> in tests) is yours to drive; the control-plane clock routes then refuse to.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// Vendor modules served beside the built-in three, each made from these options (a module of your own, say a test
    /// double of a fourth API): they get tenancy, the journal, faults, overrides, snapshots, reset and the dashboard.
    /// </summary>
    internal IReadOnlyList<Func<EmulatorOptions, IVendorModule>> AddedVendors { get; init; } = [];
}
