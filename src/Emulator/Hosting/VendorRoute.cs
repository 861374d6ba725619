namespace IntegrationsApiEmulator;

/// <summary>
/// One vendor endpoint: <c>route</c> is the full pattern under the emulator's root (<c>/botpress/v1/admin/integrations/{id}</c>),
/// <c>name</c> the endpoint name (<c>botpress.getIntegration</c>), <c>method</c> an HTTP method or <c>*</c>.
/// </summary>
public sealed record VendorRoute(string Vendor, string Method, string Route, string? Name);
