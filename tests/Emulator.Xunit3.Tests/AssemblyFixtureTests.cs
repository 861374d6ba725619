using System.Collections.Concurrent;
using IntegrationsApiEmulator.Client;
using IntegrationsApiEmulator.Xunit;

[assembly: AssemblyFixture(typeof(IntegrationsEmulatorFixture))]

namespace EmulatorXunit3Tests;

/// <summary>The assembly fixture: one emulator for every test class of the assembly that asks for it.</summary>
public sealed class AssemblyFixtureTests(IntegrationsEmulatorFixture fixture)
{
    [Fact]
    public async Task A_tenant_gets_ready_clients_for_the_three_vendors()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var tenant = fixture.NewTenant();

        (await tenant.Botpress.GetAsync("v1/admin/hub/integrations?limit=1", cancel)).EnsureSuccessStatusCode();
        (await tenant.GitBook.GetAsync("v1/user", cancel)).EnsureSuccessStatusCode();
        (await tenant.Membrane.GetAsync("integrations", cancel)).EnsureSuccessStatusCode();

        Assert.Equal(["membrane", "gitbook", "botpress"], tenant.GetRequests().Select(r => r.Vendor));
        await tenant.AssertReceivedAsync("gitbook", "GET", "/v1/user", status: 200, times: Times.Once, cancellationToken: cancel);
        Assert.Equal(1, FixtureInstances.Record(fixture));
    }

    [Fact]
    public async Task A_failed_assertion_names_what_the_tenant_sent()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var tenant = fixture.NewTenant();
        await tenant.GitBook.GetAsync("v1/user", cancel);

        var failure = await Assert.ThrowsAsync<RequestAssertionException>(
            () => tenant.AssertReceivedAsync("gitbook", "DELETE", "/v1/user", cancellationToken: cancel));

        Assert.Contains($"GET    /gitbook/v1/user → 200  tenant {tenant.KeyFor("gitbook")}   (differs: method)", failure.Message);
    }
}

/// <summary>Another class asking for the assembly fixture gets the same instance.</summary>
public sealed class AssemblyFixtureSecondTests(IntegrationsEmulatorFixture fixture)
{
    [Fact]
    public async Task It_is_the_same_emulator()
    {
        using var tenant = fixture.NewTenant();

        (await tenant.GitBook.GetAsync("v1/user", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        Assert.Equal(1, FixtureInstances.Record(fixture));
    }
}

/// <summary>The fixture instances the test classes were given (one instance: one emulator); classes run in parallel.</summary>
internal static class FixtureInstances
{
    private static readonly ConcurrentDictionary<object, bool> Seen = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records <paramref name="fixture"/>; returns the distinct instances of its type seen so far.</summary>
    public static int Record(object fixture)
    {
        Seen.TryAdd(fixture, true);
        return Seen.Keys.Count(f => f.GetType() == fixture.GetType());
    }
}
