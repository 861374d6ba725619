using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Tests.Core;

public sealed class UlidTests
{
    [Fact]
    public void Ulids_are_26_crockford_characters_and_sort_by_time()
    {
        var random = new Random(1);
        var earlier = Ulid.New(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), random);
        var later = Ulid.New(new DateTimeOffset(2024, 1, 1, 0, 0, 1, TimeSpan.Zero), random);

        earlier.Should().MatchRegex("^[0-7][0-9A-HJKMNP-TV-Z]{25}$");
        string.CompareOrdinal(earlier, later).Should().BeNegative();
    }

    [Fact]
    public void The_same_time_and_random_source_give_the_same_ulid()
    {
        var time = new DateTimeOffset(2025, 5, 5, 5, 5, 5, TimeSpan.Zero);

        Ulid.New(time, new Random(7)).Should().Be(Ulid.New(time, new Random(7)));
    }

    [Fact]
    public void The_time_part_matches_the_ulid_spec() =>
        // 1469918176385 ms is the example in the ULID spec: 01ARYZ6S41.
        Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(1469918176385), new Random(1))[..10].Should().Be("01ARYZ6S41");
}
