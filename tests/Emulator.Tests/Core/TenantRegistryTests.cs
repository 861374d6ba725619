using Emulator.Core;

namespace Emulator.Tests.Core;

public sealed class TenantRegistryTests
{
    private sealed class Counter : ITenantState<Counter>
    {
        public Lock Gate { get; } = new();

        public int Value { get; set; }

        public Counter Clone() => new() { Value = Value };

        public IReadOnlyDictionary<string, int> Counts() => new Dictionary<string, int> { ["value"] = Value };
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
