using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator;
using IntegrationsApiEmulator.Xunit;

namespace EmulatorXunit3Tests;

/// <summary>A fixture of its own options (a subclass), used as a class fixture.</summary>
public sealed class UnseededEmulatorFixture : IntegrationsEmulatorFixture
{
    protected override EmulatorOptions CreateOptions() => new() { Seeded = false };
}

/// <summary>The class fixture: its own emulator, with the options of the subclass.</summary>
public sealed class ClassFixtureTests(UnseededEmulatorFixture fixture) : IClassFixture<UnseededEmulatorFixture>
{
    [Fact]
    public async Task The_emulator_runs_with_the_subclass_options()
    {
        using var tenant = fixture.NewTenant();

        var page = await tenant.Botpress.GetFromJsonAsync<JsonObject>("v1/admin/integrations", TestContext.Current.CancellationToken);

        Assert.Empty(page!["integrations"]!.AsArray());
    }

    [Fact]
    public async Task A_tenant_reset_drops_what_the_tenant_loaded()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var tenant = fixture.NewTenant();
        tenant.LoadFixtures("""{"botpress":{"integrations":[{"integration":{"name":"v3-weather","version":"1.0.0"}}]}}""");
        Assert.Single((await tenant.Botpress.GetFromJsonAsync<JsonObject>("v1/admin/integrations", cancel))!["integrations"]!.AsArray());

        await tenant.ResetAsync(cancel);

        Assert.Empty((await tenant.Botpress.GetFromJsonAsync<JsonObject>("v1/admin/integrations", cancel))!["integrations"]!.AsArray());
    }
}

/// <summary>A fixture type for the collection (a distinct type, so it is not confused with the assembly fixture).</summary>
public sealed class CollectionEmulatorFixture : IntegrationsEmulatorFixture;

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<CollectionEmulatorFixture>
{
    public const string Name = "IntegrationsEmulatorFixture v3 collection";
}

[Collection(EmulatorCollection.Name)]
public sealed class CollectionFixtureFirstTests(CollectionEmulatorFixture fixture)
{
    [Fact]
    public async Task A_class_of_the_collection_gets_the_started_emulator()
    {
        using var tenant = fixture.NewTenant();

        (await tenant.GitBook.GetAsync("v1/user", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        Assert.Equal(1, FixtureInstances.Record(fixture));
    }
}

[Collection(EmulatorCollection.Name)]
public sealed class CollectionFixtureSecondTests(CollectionEmulatorFixture fixture)
{
    [Fact]
    public async Task Another_class_of_the_collection_gets_the_same_emulator()
    {
        using var tenant = fixture.NewTenant();

        (await tenant.Membrane.GetAsync("integrations", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        Assert.Equal(1, FixtureInstances.Record(fixture));
    }
}
