namespace IntegrationsApiEmulator.Core;

/// <summary>A vendor module's singletons, handed to every handler through its caller (<see cref="VendorCaller{TService, TState, TErrors}"/>).</summary>
internal class VendorService<TState, TErrors>(string vendor, TenantRegistry<TState> tenants, TErrors errors, VendorRequests requests, PageTokens pageTokens, TimeProvider clock)
    where TState : TenantState<TState>
    where TErrors : IVendorErrors
{
    /// <summary>The vendor's name (<c>botpress</c>, ...): the first segment of its routes and the folder of its schemas.</summary>
    public string Vendor { get; } = vendor;
    public TenantRegistry<TState> Tenants { get; } = tenants;
    public TErrors Errors { get; } = errors;
    public VendorRequests Requests { get; } = requests;
    public PageTokens PageTokens { get; } = pageTokens;
    public TimeProvider Clock { get; } = clock;
}
