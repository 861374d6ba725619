using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Tests.Core;

public sealed class TenantRegistryTests
{
    private sealed class Counter : TenantState<Counter>
    {
        public int Value { get; set; }

        protected override Counter Copy() => new() { Value = Value };

        protected override IReadOnlyDictionary<string, int> Count() => new Dictionary<string, int> { ["value"] = Value };
    }

    [Fact]
    public void A_new_tenant_starts_as_a_copy_of_the_template_and_then_diverges()
    {
        var registry = new TenantRegistry<Counter>("test", () => new Counter { Value = 10 });

        registry.For("token-a").Value++;

        registry.For("token-a").Value.Should().Be(11);
        registry.For("token-b").Value.Should().Be(10);
        registry.Template.Value.Should().Be(10);
    }

    [Fact]
    public void A_load_for_everyone_reaches_every_tenant_and_the_template_until_reset()
    {
        var registry = new TenantRegistry<Counter>("test", () => new Counter { Value = 10 });
        registry.For("token-a").Value = 1;

        registry.PrepareLoad(c => c.Value += 100, tenantKey: null)();

        registry.For("token-a").Value.Should().Be(101);
        registry.For("token-b").Value.Should().Be(110);
        registry.Reset();
        registry.For("token-b").Value.Should().Be(10);
    }

    [Fact]
    public void A_load_that_throws_on_the_trial_copy_changes_nothing()
    {
        var registry = new TenantRegistry<Counter>("test", () => new Counter { Value = 10 });
        registry.For("token-a").Value = 1;

        var load = () => registry.PrepareLoad(c => { c.Value += 100; if (c.Value > 105) throw new InvalidDataException("too big"); }, tenantKey: null);

        load.Should().Throw<InvalidDataException>();
        registry.For("token-a").Value.Should().Be(1);
        registry.Template.Value.Should().Be(10);
    }

    [Fact]
    public void A_load_for_one_tenant_leaves_the_others_and_the_template()
    {
        var registry = new TenantRegistry<Counter>("test", () => new Counter { Value = 10 });
        var key = registry.KeyFor("token-a");

        var commit = registry.PrepareLoad(c => c.Value++, key);

        registry.For("token-a").Value.Should().Be(10, "nothing is applied before the commit");
        commit();
        registry.For("token-a").Value.Should().Be(11);
        registry.For("token-b").Value.Should().Be(10);
    }

    [Fact]
    public void A_refused_load_for_a_tenant_that_does_not_exist_yet_does_not_create_it()
    {
        var registry = new TenantRegistry<Counter>("test", () => new Counter { Value = 10 });
        var key = registry.KeyFor("token-new");

        var load = () => registry.PrepareLoad(_ => throw new InvalidDataException("refused"), key);

        load.Should().Throw<InvalidDataException>();
        registry.Keys.Should().BeEmpty();
    }

    [Fact]
    public void Tenant_keys_hide_the_credential()
    {
        var key = TenantRegistry<Counter>.HashOf("bp_pat_secret");

        key.Should().StartWith("t_").And.NotContain("secret").And.HaveLength(18);
    }

    [Fact]
    public void A_minted_credential_resolves_to_its_tenant_until_removed()
    {
        var registry = new TenantRegistry<Counter>("test", () => new Counter());
        var owner = registry.KeyFor("owner-token");
        registry.For("owner-token").Value = 5;

        registry.AddAlias("minted", owner);
        registry.For("minted").Value.Should().Be(5);

        registry.RemoveAlias("minted");
        registry.For("minted").Value.Should().Be(0);
    }
}
