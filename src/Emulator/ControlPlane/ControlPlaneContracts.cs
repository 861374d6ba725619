namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>Body of <c>POST /_emulator/reset</c> (optional): which vendor and/or tenant to reset; none = everything.</summary>
internal sealed record ResetRequest(string? Vendor, string? Tenant);

/// <summary>Body of <c>POST /_emulator/clock</c>: exactly one of the three.</summary>
internal sealed record ClockChange(bool? Freeze, string? Advance, string? Set);

/// <summary>The clock: the emulated time and whether it is frozen.</summary>
internal sealed record ClockReading(string Now, bool Frozen);

/// <summary>One tenant of a vendor: its key (a hash of the credential) and its entity counts.</summary>
internal sealed record TenantSummary(string Tenant, IReadOnlyDictionary<string, int> Counts);

/// <summary>A control-plane error: <c>{"error":{"code","message"}}</c>.</summary>
internal sealed record ControlPlaneError(ControlPlaneErrorBody Error);

internal sealed record ControlPlaneErrorBody(int Code, string Message);

/// <summary>Answer of <c>POST /_emulator/fixtures</c>: the vendors loaded and into which tenant (<c>all</c>: every tenant and the template).</summary>
internal sealed record FixtureLoadResult(IReadOnlyList<string> Vendors, string Tenant);
