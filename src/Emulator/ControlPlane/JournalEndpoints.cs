using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>GET /_emulator/requests?vendor=&amp;tenant=&amp;method=&amp;path=&amp;status=&amp;limit=&amp;after=&amp;before=</c> →
/// <c>{capacity, requests:[...]}</c>, the journal newest first (<see cref="JournalEntry"/>; <see cref="JournalQuery"/> says
/// what each filter matches; <c>after</c>/<c>before</c> are entry ids, for polling and paging);
/// <c>GET /_emulator/requests/{id}</c> → one entry (404 once it has left the journal); <c>DELETE /_emulator/requests</c> clears it (204).
/// </summary>
internal static class JournalEndpoints
{
    private static readonly string[] Parameters = ["vendor", "tenant", "method", "path", "status", "limit", "after", "before"];

    /// <summary>How the journal writes its entries: camelCase, nulls kept (a null tenant says authentication failed), UTC times.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimeConverter() },
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/requests", ListRequests).WithName("control.listRequests")
            .Produces<JournalPage>().Produces<ControlPlaneError>(StatusCodes.Status400BadRequest);
        group.MapGet("/requests/{id}", GetRequest).WithName("control.getRequest")
            .Produces<JournalEntry>().Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
        group.MapDelete("/requests", ClearRequests).WithName("control.clearRequests").Produces(StatusCodes.Status204NoContent);
    }

    // The filters are bound as text (so the OpenAPI document lists them) and parsed here, for 400s in the
    // control-plane envelope that name the parameter; unknown and repeated parameters are refused too.
    private static IResult ListRequests(
        HttpContext http, JournalBuffer journal,
        string? vendor, string? tenant, string? method, string? path, string? status, string? limit, string? after, string? before)
    {
        foreach (var (key, values) in http.Request.Query)
        {
            if (!Parameters.Contains(key, StringComparer.Ordinal))
                throw ControlPlaneErrors.BadRequest($"{key}: not a filter of the journal (filters: {string.Join(", ", Parameters)})");
            if (values.Count > 1) throw ControlPlaneErrors.BadRequest($"{key}: give it at most once");
        }
        var query = new JournalQuery
        {
            Vendor = Text(vendor),
            Tenant = Text(tenant),
            Method = Text(method),
            Path = Text(path),
            Status = Number("status", status),
            Limit = Number("limit", limit),
            AfterId = Id("after", after),
            BeforeId = Id("before", before),
        };
        return Results.Text(JsonSerializer.Serialize(new JournalPage(journal.Capacity, journal.Query(query)), Json), "application/json");
    }

    private static IResult GetRequest(JournalBuffer journal, string id)
    {
        var number = Id("id", id)!.Value;
        return journal.Query(new JournalQuery { AfterId = number - 1, BeforeId = number + 1, Limit = 1 }) is [var entry]
            ? Results.Text(JsonSerializer.Serialize(entry, Json), "application/json")
            : throw ControlPlaneErrors.NotFound($"id: no journal entry {number} (the journal keeps the newest {journal.Capacity})");
    }

    private static IResult ClearRequests(JournalBuffer journal)
    {
        journal.Clear();
        return Results.NoContent();
    }

    // An empty value (?vendor=) is the same as no filter.
    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? Number(string key, string? value)
    {
        if (Text(value) is not { } text) return null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw ControlPlaneErrors.BadRequest($"{key}: \"{text}\" is not a whole number");
    }

    private static long? Id(string key, string? value)
    {
        if (Text(value) is not { } text) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw ControlPlaneErrors.BadRequest($"{key}: \"{text}\" is not a journal entry id (a whole number)");
    }

    /// <summary>Times as ISO 8601 UTC with milliseconds (<c>2024-05-01T12:00:00.000Z</c>), as the vendors write theirs.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
