global using static IntegrationsApiEmulator.Tests.VendorTestKit;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests;

/// <summary>
/// An error envelope as a vendor kit reads it. Every vendor's envelope carries a message; the kits assert the
/// status and what the message names the same way, and the rest (type, key, id) their own way.
/// </summary>
internal interface IVendorError
{
    HttpStatusCode Status { get; }

    string Message { get; }
}

/// <summary>
/// What the vendors' test kits share: clients on the emulator, JSON calls and their answers, the common part of
/// an error envelope, list walks, waiting. Imported everywhere (global using static), so a vendor kit
/// (Botpress/GitBook/Membrane) holds only its vendor's vocabulary: routes, envelope, seeded ids, paging keys.
/// </summary>
internal static class VendorTestKit
{
    // ---- clients ----

    /// <summary>A client for <paramref name="vendor"/>'s base address without credentials or other default headers.</summary>
    public static HttpClient Anonymous(this IntegrationsEmulator emulator, string vendor) =>
        new(emulator.CreateHandler()) { BaseAddress = emulator.VendorBaseAddress(vendor) };

    /// <summary>A client for <paramref name="vendor"/> that sends <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public static HttpClient WithBearer(this IntegrationsEmulator emulator, string vendor, string token)
    {
        var client = emulator.Anonymous(vendor);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>The tenant state behind <paramref name="credential"/> (for effects the API does not show).</summary>
    public static TState TenantOf<TState>(IntegrationsEmulator emulator, string credential) where TState : TenantState<TState> =>
        emulator.Services.GetRequiredService<TenantRegistry<TState>>().For(credential);

    // ---- requests ----

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode body) => client.PutAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, JsonNode body) => client.PatchAsJsonAsync(url, body);

    /// <summary>A request with a raw body and content type (null content type = none).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.SendAsync(new HttpRequestMessage(method, url) { Content = content });
    }

    /// <summary><paramref name="url"/> with <c>name=value</c> appended (unchanged when <paramref name="value"/> is null).</summary>
    public static string WithQuery(string url, string name, string? value) =>
        value is null ? url : url + (url.Contains('?') ? "&" : "?") + name + "=" + Uri.EscapeDataString(value);

    // ---- answers ----

    /// <summary>Awaits a call and reads its response with <paramref name="read"/>, then disposes it.</summary>
    public static async Task<T> ReadAsync<T>(this Task<HttpResponseMessage> call, Func<HttpResponseMessage, Task<T>> read)
    {
        using var response = await call;
        return await read(response);
    }

    /// <summary>The JSON body of a 200 (the failure message carries the body otherwise).</summary>
    public static async Task<JsonNode> OkNodeAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the call should succeed, body: {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonObject> OkJsonAsync(this HttpResponseMessage response) => (await response.OkNodeAsync()).AsObject();

    public static Task<JsonObject> OkJsonAsync(this Task<HttpResponseMessage> call) => call.ReadAsync(response => response.OkJsonAsync());

    /// <summary>The JSON array of a 200 (GitBook blocks and scripts, Membrane connection options).</summary>
    public static Task<JsonArray> OkArrayAsync(this Task<HttpResponseMessage> call) =>
        call.ReadAsync(async response => (await response.OkNodeAsync()).AsArray());

    /// <summary>Asserts a bodiless answer with <paramref name="status"/> (GitBook's 204/205).</summary>
    public static async Task ShouldBeEmptyAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(status, "body: {0}", Encoding.UTF8.GetString(bytes));
        bytes.Should().BeEmpty();
    }

    /// <summary>What every vendor's error shares: a status of 400 or more and a JSON object body (returned).</summary>
    public static async Task<JsonObject> ErrorBodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(400, "an error was expected, got {0} {1}", response.StatusCode, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json", "error bodies are JSON: {0}", text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts the error's status and that its message names each of <paramref name="mentions"/>.</summary>
    public static TError ShouldBe<TError>(this TError error, HttpStatusCode status, string[] mentions) where TError : IVendorError
    {
        error.Status.Should().Be(status, "error was {0}", error);
        foreach (var mention in mentions) error.Message.Should().Contain(mention, "error was {0}", error);
        return error;
    }

    // ---- lists ----

    /// <summary>
    /// Every page of a list, first to last: <paramref name="nextOf"/> reads a page's continuation (null on the last
    /// page), sent back as the query parameter <paramref name="param"/>; <paramref name="first"/> is sent with the first page.
    /// </summary>
    public static async Task<List<JsonObject>> PagesAsync(HttpClient client, string url, string param, Func<JsonObject, string?> nextOf, int maxPages = 1000, string? first = null)
    {
        var pages = new List<JsonObject>();
        var next = first;
        while (pages.Count < maxPages)
        {
            var page = await client.GetAsync(WithQuery(url, param, next)).OkJsonAsync();
            pages.Add(page);
            next = nextOf(page);
            if (next is null) return pages;
        }
        throw new InvalidOperationException($"{url} did not end within {maxPages} pages");
    }

    /// <summary>The objects of a page's array <paramref name="key"/> (<c>items</c> for GitBook and Membrane).</summary>
    public static List<JsonObject> Items(JsonObject page, string key = "items") => [.. page[key]!.AsArray().Select(i => i!.AsObject())];

    // ---- values ----

    public static string Str(JsonNode? node) => node!.GetValue<string>();

    public static string IdOf(JsonObject item) => Str(item["id"]);

    /// <summary>Polls <paramref name="condition"/> until true or <paramref name="timeout"/>; returns whether it became true.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20);
        }
    }

    public static Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null) => EventuallyAsync(() => Task.FromResult(condition()), timeout);
}
