namespace IntegrationsApiEmulator.Client;

/// <summary>
/// A fault rule to install (<c>POST /_emulator/faults</c>): which requests it matches (every field that is set) and
/// its effect — at least one of <see cref="Status"/>, <see cref="DelayMs"/> or <see cref="Abort"/>.
/// </summary>
public sealed record FaultDefinition
{
    /// <summary>Only this vendor's requests (<c>gitbook</c>).</summary>
    public string? Vendor { get; init; }

    /// <summary>Only this HTTP method.</summary>
    public string? Method { get; init; }

    /// <summary>A path glob, after the vendor prefix or in full (<c>/v1/integrations*</c>).</summary>
    public string? Path { get; init; }

    /// <summary>Answer with this status (in the vendor's error envelope).</summary>
    public int? Status { get; init; }

    /// <summary>Delay the answer by this many milliseconds.</summary>
    public int? DelayMs { get; init; }

    /// <summary>Close the connection without an answer.</summary>
    public bool? Abort { get; init; }

    /// <summary>The chance (0 to 1) that a matching request is hit; 1 when null.</summary>
    public double? Probability { get; init; }

    /// <summary>Hit at most this many requests; no limit when null.</summary>
    public int? Times { get; init; }
}

/// <summary>An installed fault rule as the control plane lists it, with its id and what it has done so far.</summary>
/// <param name="Id">The rule's id (<c>fault_1</c>), for <see cref="EmulatorControlClient.RemoveFaultAsync"/>.</param>
/// <param name="Vendor">Its vendor filter, or null.</param>
/// <param name="Method">Its method filter (upper-cased), or null.</param>
/// <param name="Path">Its path glob, or null.</param>
/// <param name="Status">The status it answers with, or null.</param>
/// <param name="DelayMs">Its delay in milliseconds (0: none).</param>
/// <param name="Abort">Whether it closes the connection.</param>
/// <param name="Probability">The chance that a matching request is hit.</param>
/// <param name="Times">How many requests it may hit in all, or null.</param>
/// <param name="Remaining">How many more it may hit, or null (no limit).</param>
/// <param name="Hits">How many requests it has hit.</param>
public sealed record InstalledFault(
    string Id, string? Vendor, string? Method, string? Path, int? Status, int DelayMs, bool Abort, double Probability,
    int? Times, int? Remaining, long Hits);

internal sealed record FaultList(IReadOnlyList<InstalledFault> Faults);
