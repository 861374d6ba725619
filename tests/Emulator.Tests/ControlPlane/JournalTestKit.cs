using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>Helpers of the journal and fault tests: the control-plane calls and their error envelope.</summary>
internal static class JournalTestKit
{
    /// <summary><c>GET /_emulator/requests{query}</c> → the <c>requests</c> array (200 asserted).</summary>
    public static async Task<JsonArray> RequestsAsync(this HttpClient control, string query = "")
    {
        using var response = await control.GetAsync("_emulator/requests" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["requests"]!.AsArray();
    }

    /// <summary><c>GET /_emulator/requests</c> (everything the journal holds) as raw text.</summary>
    public static async Task<string> JournalTextAsync(this HttpClient control) =>
        await control.GetStringAsync("_emulator/requests?limit=100000");

    public static Task<HttpResponseMessage> PostFaultAsync(this HttpClient control, string json) =>
        control.PostAsync("_emulator/faults", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary><c>POST /_emulator/faults</c> → the installed rule (201 asserted).</summary>
    public static async Task<JsonObject> AddFaultAsync(this HttpClient control, string json)
    {
        using var response = await control.PostFaultAsync(json);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts a control-plane error <c>{"error":{"code","message"}}</c> with this status; returns the message.</summary>
    public static async Task<string> ControlErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        error["code"]!.GetValue<int>().Should().Be((int)status, text);
        return error["message"]!.GetValue<string>();
    }

    public static async Task<string> ControlErrorAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        return await response.ControlErrorAsync(status);
    }

    public static string Str(this JsonNode? node) => node!.GetValue<string>();
}
