namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// Who writes through <see cref="IntegrationRules"/> and <see cref="ElementRules"/>: the tenant, its error factory,
/// the time, and where new ids come from (random for the API, seeded for fixtures).
/// </summary>
internal sealed record RuleContext(MembraneState State, MembraneErrors Errors, DateTimeOffset Now, Func<string> NewId, Func<string> NewUuid, Func<string> NewRevision);
