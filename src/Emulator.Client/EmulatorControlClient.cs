using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Client;

/// <summary>
/// A typed client for the control plane (<c>/_emulator/*</c>) of a running emulator — a container, a Kestrel
/// process, the dotnet tool or an in-process host on Kestrel. Every method maps to one route; a refusal throws
/// <see cref="EmulatorControlException"/> with the status and the control plane's <c>{"error":{"code","message"}}</c>.
/// </summary>
/// <example>
/// <code>
/// using var control = new EmulatorControlClient(new Uri("http://127.0.0.1:5080"));
/// await control.ResetAsync();
/// await control.AssertReceivedAsync("gitbook", "GET", "/v1/user");
/// </code>
/// </example>
public sealed partial class EmulatorControlClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client for the emulator at <paramref name="baseAddress"/> (its root, e.g. <c>http://127.0.0.1:5080</c>).</summary>
    /// <param name="baseAddress">The emulator's root address; a path such as <c>/botpress</c> is ignored.</param>
    public EmulatorControlClient(Uri baseAddress)
        : this(baseAddress, null)
    {
    }

    /// <summary>A client for the emulator at <paramref name="baseAddress"/> started with <c>--admin-token</c>.</summary>
    /// <param name="baseAddress">The emulator's root address; a path such as <c>/botpress</c> is ignored.</param>
    /// <param name="adminToken">The emulator's admin token, or null when it has none.</param>
    public EmulatorControlClient(Uri baseAddress, string? adminToken)
        : this(new HttpClient(), baseAddress, adminToken, ownsHttp: true)
    {
    }

    /// <summary>
    /// A client over an existing <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the emulator
    /// (e.g. one from <c>IHttpClientFactory</c>). The caller keeps ownership of <paramref name="http"/>.
    /// </summary>
    /// <param name="http">The client to send with; its base address's scheme, host and port are used.</param>
    public EmulatorControlClient(HttpClient http)
        : this(http, null)
    {
    }

    /// <summary>A client over an existing <see cref="HttpClient"/>, for an emulator started with <c>--admin-token</c>.</summary>
    /// <param name="http">The client to send with; its base address's scheme, host and port are used.</param>
    /// <param name="adminToken">The emulator's admin token, or null when it has none.</param>
    public EmulatorControlClient(HttpClient http, string? adminToken)
        : this(http, http?.BaseAddress ?? throw new ArgumentException("The HttpClient needs a BaseAddress (the emulator's root).", nameof(http)), adminToken, ownsHttp: false)
    {
    }

    private EmulatorControlClient(HttpClient http, Uri baseAddress, string? adminToken, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri) throw new ArgumentException("The base address must be absolute (http://host:port).", nameof(baseAddress));
        _http = http;
        _ownsHttp = ownsHttp;
        BaseAddress = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + "/");
        AdminToken = adminToken;
    }

    /// <summary>The emulator's root address (scheme, host and port, ending in <c>/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The admin token sent as <c>Authorization: Bearer</c> on every route but health, or null.</summary>
    public string? AdminToken { get; }

    /// <summary>The base URL of a vendor's API on this emulator, with its trailing slash (<c>http://host:port/gitbook/</c>).</summary>
    /// <param name="vendor"><c>botpress</c>, <c>gitbook</c> or <c>membrane</c>.</param>
    public Uri VendorBaseAddress(string vendor) => new(BaseAddress, Uri.EscapeDataString(vendor) + "/");

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, "_emulator/" + route)) { Content = content };
        if (AdminToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response)
            throw await EmulatorControlException.FromAsync(method, route, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string route, CancellationToken cancellationToken) =>
        await ReadAsync<T>(await SendAsync(HttpMethod.Get, route, null, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<T> PostAsync<T>(string route, HttpContent content, CancellationToken cancellationToken) =>
        await ReadAsync<T>(await SendAsync(HttpMethod.Post, route, content, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task SendNoContentAsync(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken) =>
        (await SendAsync(method, route, content, cancellationToken).ConfigureAwait(false)).Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The emulator answered {(int)response.StatusCode} with an empty body.");
        }
    }

    private static HttpContent Json<T>(T value) => JsonContent.Create(value, options: ClientJson.Options);

    private static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static HttpContent Json(JsonNode json) => Json(json.ToJsonString());

    private static bool IsNotFound(EmulatorControlException e) => e.StatusCode == HttpStatusCode.NotFound;
}
