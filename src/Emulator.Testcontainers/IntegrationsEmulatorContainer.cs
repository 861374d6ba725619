namespace IntegrationsApiEmulator.Testcontainers;

/// <summary>
/// A running Integrations API Emulator container. Every address ends with a slash, so an
/// <see cref="HttpClient"/> with it as <see cref="HttpClient.BaseAddress"/> keeps the vendor segment:
/// <c>GetAsync("v1/admin/hub/integrations")</c> on the Botpress address calls <c>/botpress/v1/admin/hub/integrations</c>.
/// </summary>
public sealed class IntegrationsEmulatorContainer : DockerContainer
{
    private readonly IntegrationsEmulatorConfiguration _configuration;

    /// <summary>Creates the container from its configuration (use <see cref="IntegrationsEmulatorBuilder"/>).</summary>
    /// <param name="configuration">The container configuration.</param>
    public IntegrationsEmulatorContainer(IntegrationsEmulatorConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The admin token the control plane requires (<see cref="IntegrationsEmulatorBuilder.WithAdminToken"/>), or null.</summary>
    public string? AdminToken => _configuration.AdminToken;

    /// <summary>The emulator's root address on the host, e.g. <c>http://127.0.0.1:32768/</c>.</summary>
    /// <returns>The root address, with a trailing slash.</returns>
    public Uri GetBaseAddress() =>
        new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(IntegrationsEmulatorBuilder.HttpPort), "/").Uri;

    /// <summary>The Botpress API's base address (<c>…/botpress/</c>): <c>apiUrl</c> of <c>@botpress/client</c>.</summary>
    /// <returns>The Botpress base address, with a trailing slash.</returns>
    public Uri GetBotpressBaseAddress() => GetVendorBaseAddress("botpress");

    /// <summary>The GitBook API's base address (<c>…/gitbook/</c>): <c>endpoint</c> of <c>@gitbook/api</c>.</summary>
    /// <returns>The GitBook base address, with a trailing slash.</returns>
    public Uri GetGitBookBaseAddress() => GetVendorBaseAddress("gitbook");

    /// <summary>The Membrane API's base address (<c>…/membrane/</c>): <c>apiUri</c> of <c>@membranehq/sdk</c>.</summary>
    /// <returns>The Membrane base address, with a trailing slash.</returns>
    public Uri GetMembraneBaseAddress() => GetVendorBaseAddress("membrane");

    /// <summary>The control plane's address (<c>…/_emulator/</c>): reset, journal, faults, clock, fixtures, state.</summary>
    /// <returns>The control plane address, with a trailing slash.</returns>
    public Uri GetControlPlaneAddress() => GetVendorBaseAddress("_emulator");

    private Uri GetVendorBaseAddress(string segment) => new(GetBaseAddress(), segment + "/");
}
