extern alias control;

using System.Net;
using control::IntegrationsApiEmulator.Client;

namespace IntegrationsApiEmulator.Tests.ControlClient;

/// <summary>Clock and whole-state routes through the control client, on an emulator of their own (they change it all).</summary>
public sealed class ControlClientClockAndStateTests(KestrelEmulatorFixture fixture) : IClassFixture<KestrelEmulatorFixture>
{
    private EmulatorControlClient Control => fixture.Control;

    [Fact]
    public async Task The_clock_freezes_advances_is_set_and_resumes()
    {
        var frozen = await Control.FreezeClockAsync();
        var advanced = await Control.AdvanceClockAsync(TimeSpan.FromHours(1.5));
        var set = await Control.SetClockAsync(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));
        var read = await Control.GetClockAsync();
        var resumed = await Control.ResumeClockAsync();

        frozen.Frozen.Should().BeTrue();
        advanced.Now.Should().Be(frozen.Now + TimeSpan.FromHours(1.5));
        set.Now.Should().Be(new DateTimeOffset(2030, 1, 2, 1, 4, 5, TimeSpan.Zero));
        read.Should().Be(set);
        resumed.Frozen.Should().BeFalse();
        resumed.Now.Should().BeOnOrAfter(set.Now);
    }

    [Fact]
    public async Task Real_time_leaves_a_set_and_frozen_clock()
    {
        await Control.FreezeClockAsync();
        await Control.SetClockAsync(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var real = await Control.UseRealTimeAsync();

        real.Frozen.Should().BeFalse();
        real.Now.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_tenant_collection_is_paged_searched_and_exported()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook) (await gitbook.GetAsync("v1/user")).EnsureSuccessStatusCode();

        var exported = await Control.ExportTenantAsync("gitbook", tenant);
        var name = exported.Where(p => p.Value is System.Text.Json.Nodes.JsonArray { Count: > 2 }).Select(p => p.Key).First();
        var page = await Control.GetTenantCollectionAsync("gitbook", tenant, name, offset: 1, limit: 2);
        var key = page.Items[0].Key;
        var found = await Control.GetTenantCollectionAsync("gitbook", tenant, name, q: key);

        page.Total.Should().Be(exported[name]!.AsArray().Count);
        page.Items.Should().HaveCount(2);
        found.Items.Select(i => i.Key).Should().Contain(key);
        var missing = await Control.Invoking(c => c.GetTenantCollectionAsync("gitbook", "t_nobody", name)).Should().ThrowAsync<EmulatorControlException>();
        missing.Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_journal_entry_and_the_entries_after_an_id()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook)
        {
            await gitbook.GetAsync("v1/user");
            await gitbook.GetAsync("v1/user?x=2");
        }
        var both = await Control.GetRequestsAsync(new RequestFilter { Tenant = tenant });
        both.Should().HaveCount(2);

        var newer = await Control.GetRequestsAsync(new RequestFilter { Tenant = tenant, AfterId = both[1].Id });
        var older = await Control.GetRequestsAsync(new RequestFilter { Tenant = tenant, BeforeId = both[0].Id });
        var one = await Control.GetRequestAsync(both[0].Id);

        newer.Select(r => r.Id).Should().Equal(both[0].Id);
        older.Select(r => r.Id).Should().Equal(both[1].Id);
        one.Query.Should().Be("?x=2");
        one.RequestHeaders["AUTHORIZATION"].Should().Be("[REDACTED]");
    }

    [Fact]
    public async Task A_state_snapshot_puts_tenants_back_as_they_were()
    {
        var before = await Control.ExportStateAsync();
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook) (await gitbook.GetAsync("v1/user")).EnsureSuccessStatusCode();
        (await Control.GetTenantsAsync())["gitbook"].Select(t => t.Tenant).Should().Contain(tenant);

        await Control.ImportStateAsync(before);

        (await Control.GetTenantsAsync())["gitbook"].Select(t => t.Tenant).Should().NotContain(tenant);
    }

    [Fact]
    public async Task Saving_without_a_state_file_is_a_conflict_naming_the_flag()
    {
        var refused = await Control.Invoking(c => c.SaveStateAsync()).Should().ThrowAsync<EmulatorControlException>();

        refused.Which.StatusCode.Should().Be(HttpStatusCode.Conflict);
        refused.Which.ErrorMessage.Should().Contain("--state-file");
    }

    [Fact]
    public async Task Clearing_the_journal_empties_it()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook) await gitbook.GetAsync("v1/user");
        (await Control.GetRequestsAsync(new RequestFilter { Tenant = tenant })).Should().NotBeEmpty();

        await Control.ClearRequestsAsync();

        (await Control.GetRequestsAsync(new RequestFilter { Tenant = tenant })).Should().BeEmpty();
    }

    [Fact]
    public async Task An_admin_token_is_sent_to_every_route_but_health()
    {
        await using var guarded = await IntegrationsEmulator.StartOnKestrelAsync(new EmulatorOptions { AdminToken = "s3cret" });
        using var without = new EmulatorControlClient(guarded.BaseAddress);
        using var with = new EmulatorControlClient(guarded.BaseAddress, "s3cret");

        (await without.GetHealthAsync()).Status.Should().Be("ok");
        (await without.Invoking(c => c.GetFaultsAsync()).Should().ThrowAsync<EmulatorControlException>())
            .Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await with.GetFaultsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Waiting_for_health_gives_up_after_the_timeout()
    {
        using var nobody = new EmulatorControlClient(new Uri("http://127.0.0.1:9"));

        await nobody.Invoking(c => c.WaitUntilHealthyAsync(TimeSpan.FromMilliseconds(300))).Should().ThrowAsync<TimeoutException>();
        (await Control.WaitUntilHealthyAsync(TimeSpan.FromSeconds(5))).Status.Should().Be("ok");
    }
}
