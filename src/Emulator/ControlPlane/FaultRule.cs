namespace IntegrationsApiEmulator;

/// <summary>
/// A fault to inject into matching vendor requests (<c>POST /_emulator/faults</c>, <c>IntegrationsEmulator.AddFault</c>).
/// Every selector is optional (null matches everything); at least one effect — <see cref="Status"/>,
/// <see cref="DelayMs"/> or <see cref="Abort"/> — is required.
/// </summary>
/// <example><c>new FaultRule { Vendor = "gitbook", Method = "GET", Path = "/v1/integrations*", Status = 503, Times = 3 }</c></example>
public sealed record FaultRule
{
    /// <summary>Only this vendor's requests (<c>botpress</c>, <c>gitbook</c>, <c>membrane</c>).</summary>
    public string? Vendor { get; init; }

    /// <summary>Only this HTTP method (case-insensitive).</summary>
    public string? Method { get; init; }

    /// <summary>
    /// A glob (<c>*</c> any characters, <c>/</c> included; <c>?</c> one) matched against the path after the vendor
    /// prefix: <c>/v1/integrations*</c> matches <c>/gitbook/v1/integrations</c> and everything below it.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>Answer with this status (400 to 599) in the vendor's own error envelope, instead of the vendor's answer.</summary>
    public int? Status { get; init; }

    /// <summary>Wait this long (real time, milliseconds) first; then pass the request on, or apply <see cref="Status"/>.</summary>
    public int DelayMs { get; init; }

    /// <summary>Close the connection without an answer (after <see cref="DelayMs"/>); excludes <see cref="Status"/>.</summary>
    public bool Abort { get; init; }

    /// <summary>The chance (0 to 1) that a matching request is hit, drawn from a generator seeded from the emulator's seed.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>Hit at most this many requests (null: no limit); the rule stops matching when they are used up.</summary>
    public int? Times { get; init; }
}

/// <summary>An installed fault rule: its id, the rule as installed (normalized), and what it has done so far.</summary>
/// <param name="Id">The rule's id (<c>fault_1</c>, ...), for <c>DELETE /_emulator/faults/{id}</c>.</param>
/// <param name="Rule">The rule (vendor lower-cased, method upper-cased).</param>
/// <param name="Hits">How many requests it has hit.</param>
/// <param name="Remaining">How many more it may hit (null: no limit; 0: used up, no longer matching).</param>
public sealed record FaultRuleState(string Id, FaultRule Rule, long Hits, int? Remaining);

/// <summary>
/// An installed rule as the control plane writes it (<c>POST</c> / <c>GET /_emulator/faults</c>): flat, the fields
/// that are set, <c>remaining</c> with <c>times</c>, and <c>hits</c>.
/// </summary>
internal sealed record FaultRuleView(
    string Id, string? Vendor, string? Method, string? Path, int? Status, int DelayMs, bool Abort, double Probability, int? Times, int? Remaining, long Hits)
{
    public static FaultRuleView Of(FaultRuleState state) => new(
        state.Id, state.Rule.Vendor, state.Rule.Method, state.Rule.Path, state.Rule.Status, state.Rule.DelayMs, state.Rule.Abort,
        state.Rule.Probability, state.Rule.Times, state.Remaining, state.Hits);
}

/// <summary>What <c>GET /_emulator/faults</c> answers: the installed rules in installation order.</summary>
internal sealed record FaultRuleList(IReadOnlyList<FaultRuleView> Faults);
