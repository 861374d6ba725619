extern alias fixtures;

using fixtures::IntegrationsApiEmulator.Xunit;

namespace IntegrationsApiEmulator.Tests.XunitFixtures;

/// <summary>The same fixture as an xunit v2 collection fixture: one emulator shared by every class of the collection.</summary>
[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<IntegrationsEmulatorFixture>
{
    public const string Name = "IntegrationsEmulatorFixture v2 collection";
}

[Collection(EmulatorCollection.Name)]
public sealed class CollectionFixtureFirstTests(IntegrationsEmulatorFixture fixture)
{
    [Fact]
    public async Task A_class_of_the_collection_gets_the_started_emulator()
    {
        using var tenant = fixture.NewTenant();

        (await tenant.GitBook.GetAsync("v1/user")).EnsureSuccessStatusCode();
        CollectionFixtureInstances.Seen.Add(fixture);
        CollectionFixtureInstances.Seen.Should().ContainSingle();
    }
}

[Collection(EmulatorCollection.Name)]
public sealed class CollectionFixtureSecondTests(IntegrationsEmulatorFixture fixture)
{
    [Fact]
    public async Task Another_class_of_the_collection_gets_the_same_emulator()
    {
        using var tenant = fixture.NewTenant();

        (await tenant.Membrane.GetAsync("integrations")).EnsureSuccessStatusCode();
        CollectionFixtureInstances.Seen.Add(fixture);
        CollectionFixtureInstances.Seen.Should().ContainSingle();
    }
}

/// <summary>The fixture instances the collection's classes were given (a set: one instance means one emulator).</summary>
internal static class CollectionFixtureInstances
{
    public static readonly HashSet<IntegrationsEmulatorFixture> Seen = new(ReferenceEqualityComparer.Instance);
}
