using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json;
using WireMock.Admin.Mappings;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// Overrides in WireMock's mapping format: <c>POST /_emulator/overrides</c> with one mapping or an array of them,
/// e.g. <c>{"Request":{"Path":"/gitbook/v1/user","Methods":["GET"]},"Response":{"StatusCode":418,"BodyAsJson":{"odd":true}}}</c>
/// → 201 <c>{overrides:[...]}</c> with each one's <c>guid</c>; <c>GET /_emulator/overrides</c> lists them with their
/// hits; <c>GET</c> / <c>DELETE /_emulator/overrides/{guid}</c> (404 when unknown); <c>DELETE /_emulator/overrides</c>
/// removes them all. See <see cref="OverrideJson"/> for what a mapping may contain.
/// </summary>
internal static class OverrideEndpoints
{
    private static readonly JsonSerializerSettings WireMockJson = new() { NullValueHandling = NullValueHandling.Ignore };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/overrides", AddOverrides).WithName("control.addOverrides")
            .AcceptsJson<MappingModel[]>().Produces<OverrideList>(StatusCodes.Status201Created)
            .Produces<ControlPlaneError>(StatusCodes.Status400BadRequest);
        group.MapGet("/overrides", ListOverrides).WithName("control.listOverrides").Produces<OverrideList>();
        group.MapDelete("/overrides", ClearOverrides).WithName("control.clearOverrides").Produces(StatusCodes.Status204NoContent);
        group.MapGet("/overrides/{guid}", GetOverride).WithName("control.getOverride")
            .Produces<OverrideView>().Produces<ControlPlaneError>(StatusCodes.Status400BadRequest).Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
        group.MapDelete("/overrides/{guid}", RemoveOverride).WithName("control.removeOverride")
            .Produces(StatusCodes.Status204NoContent).Produces<ControlPlaneError>(StatusCodes.Status400BadRequest)
            .Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
    }

    /// <summary>An installed override as the control plane writes it, its mapping in WireMock's JSON format.</summary>
    public static OverrideView ViewOf(OverrideState state) =>
        new(state.Guid, state.Title, state.Priority, state.Hits, JsonNode.Parse(JsonConvert.SerializeObject(state.Mapping, WireMockJson))!.AsObject());

    private static async Task<IResult> AddOverrides(HttpContext http, OverrideMappings overrides)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            throw ControlPlaneErrors.BadRequest("body: a WireMock mapping or an array of them is required, e.g. {\"Request\":{\"Path\":\"/gitbook/v1/user\",\"Methods\":[\"GET\"]},\"Response\":{\"StatusCode\":418}}");
        var added = overrides.Add(text);
        if (added.Count == 1) http.Response.Headers.Location = "/_emulator/overrides/" + added[0].Guid;
        return Results.Text(ToJson(new OverrideList([.. added.Select(ViewOf)])), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListOverrides(OverrideMappings overrides) =>
        Results.Text(ToJson(new OverrideList([.. overrides.List().Select(ViewOf)])), "application/json");

    private static IResult GetOverride(string guid, OverrideMappings overrides) =>
        overrides.Find(Parse(guid)) is { } state ? Results.Text(ToJson(ViewOf(state)), "application/json") : throw NoSuchOverride(guid);

    private static IResult RemoveOverride(string guid, OverrideMappings overrides) =>
        overrides.Remove(Parse(guid)) ? Results.NoContent() : throw NoSuchOverride(guid);

    private static IResult ClearOverrides(OverrideMappings overrides)
    {
        overrides.Clear();
        return Results.NoContent();
    }

    private static Guid Parse(string guid) =>
        Guid.TryParse(guid, out var parsed) ? parsed : throw ControlPlaneErrors.BadRequest($"guid: \"{guid}\" is not a GUID (GET /_emulator/overrides lists them)");

    private static ApiException NoSuchOverride(string guid) =>
        ControlPlaneErrors.NotFound($"guid: no override \"{guid}\" (GET /_emulator/overrides lists them)");

    private static string ToJson<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, EmulatorJson.Options);
}
