namespace IntegrationsApiEmulator.Core;

/// <summary>
/// What a vendor's generated template holds: the Bogus <paramref name="Seed"/>; <paramref name="Generate"/> false
/// (<c>--no-seed</c>) keeps only the fixed identities credentials map to (the default workspace, user,
/// organization...) and no generated data; <paramref name="Count"/> (<c>--seed-count</c>) scales the generated
/// catalogue to that many entries, null for each vendor's default size.
/// </summary>
internal sealed record SeedProfile(int Seed, bool Generate = true, int? Count = null)
{
    /// <summary>How many catalogue entries to generate when the vendor's default is <paramref name="defaultCount"/>.</summary>
    public int CountOr(int defaultCount) => Generate ? Count ?? defaultCount : 0;
}
