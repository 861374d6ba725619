using Emulator.Core;

namespace Emulator.Vendors.Botpress;

/// <summary>The Botpress module's singletons, handed to every handler through its caller.</summary>
public sealed class BotpressService(
    TenantRegistry<BotpressState> tenants,
    BotpressErrors errors,
    VendorRequests requests,
    PageTokens pageTokens,
    TimeProvider clock)
{
    public TenantRegistry<BotpressState> Tenants { get; } = tenants;
    public BotpressErrors Errors { get; } = errors;
    public VendorRequests Requests { get; } = requests;
    public PageTokens PageTokens { get; } = pageTokens;
    public TimeProvider Clock { get; } = clock;

    /// <summary>Random source for ids and secrets minted at run time (seeded data comes from Bogus).</summary>
    public Random Random { get; } = Random.Shared;

    public string NewId(string prefix) => prefix + Ulid.New(Clock.GetUtcNow(), Random);
}
