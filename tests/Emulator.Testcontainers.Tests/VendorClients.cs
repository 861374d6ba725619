using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Testcontainers.Tests;

/// <summary>Plain <see cref="HttpClient"/>s on the container's addresses, the way a user would make them.</summary>
internal static class VendorClients
{
    public static HttpClient On(Uri baseAddress, string? token = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "GET {0} answered {1}", new Uri(client.BaseAddress!, path), body);
        return JsonNode.Parse(body)!;
    }
}
