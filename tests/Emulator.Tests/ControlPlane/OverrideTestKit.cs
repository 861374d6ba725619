using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>Helpers of the override tests: the control-plane calls (errors are read with <see cref="JournalTestKit"/>).</summary>
internal static class OverrideTestKit
{
    public static Task<HttpResponseMessage> PostOverridesAsync(this HttpClient control, string json) =>
        control.PostAsync("_emulator/overrides", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary><c>POST /_emulator/overrides</c> → the <c>overrides</c> installed (201 asserted).</summary>
    public static async Task<JsonArray> AddOverridesAsync(this HttpClient control, string json)
    {
        using var response = await control.PostOverridesAsync(json);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["overrides"]!.AsArray();
    }

    /// <summary><c>GET /_emulator/overrides</c> → the <c>overrides</c> array (200 asserted).</summary>
    public static async Task<JsonArray> OverridesAsync(this HttpClient control)
    {
        using var response = await control.GetAsync("_emulator/overrides");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["overrides"]!.AsArray();
    }

    /// <summary>A mapping answering <paramref name="method"/> <paramref name="path"/> with a status and a JSON body.</summary>
    public static string Mapping(string method, string path, int status, string bodyJson = """{"overridden":true}""", int? priority = null) =>
        "{" + (priority is null ? "" : $"\"Priority\":{priority},")
        + $"\"Request\":{{\"Path\":\"{path}\",\"Methods\":[\"{method}\"]}},\"Response\":{{\"StatusCode\":{status},\"BodyAsJson\":{bodyJson}}}}}";
}
