using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>The Botpress module's singletons, handed to every handler through its caller.</summary>
internal sealed class BotpressService(TenantRegistry<BotpressState> tenants, BotpressErrors errors, VendorRequests requests, PageTokens pageTokens, TimeProvider clock)
    : VendorService<BotpressState, BotpressErrors>(BotpressModule.VendorName, tenants, errors, requests, pageTokens, clock)
{
    /// <summary>Random source for ids and secrets minted at run time (seeded data comes from Bogus).</summary>
    public Random Random { get; } = Random.Shared;

    public string NewId(string prefix) => prefix + Ulid.New(Clock.GetUtcNow(), Random);
}
