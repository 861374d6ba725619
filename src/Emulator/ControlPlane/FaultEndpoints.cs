using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// Fault rules: <c>POST /_emulator/faults</c> with
/// <c>{"vendor":"gitbook","method":"GET","path":"/v1/integrations*","status":503,"delayMs":200,"abort":false,"probability":1.0,"times":3}</c>
/// (all optional but one effect: status, delayMs or abort) → 201 with the rule, its <c>id</c> and counters;
/// <c>GET /_emulator/faults</c> → <c>{faults:[...]}</c>; <c>GET</c> / <c>DELETE /_emulator/faults/{id}</c> (404 when
/// unknown); <c>DELETE /_emulator/faults</c> removes them all. See <see cref="FaultRule"/>.
/// </summary>
internal static class FaultEndpoints
{
    private static readonly string[] Fields = ["vendor", "method", "path", "status", "delayMs", "abort", "probability", "times"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/faults", AddFault).WithName("control.addFault")
            .AcceptsJson<FaultRule>().Produces<FaultRuleView>(StatusCodes.Status201Created)
            .Produces<ControlPlaneError>(StatusCodes.Status400BadRequest);
        group.MapGet("/faults", ListFaults).WithName("control.listFaults").Produces<FaultRuleList>();
        group.MapDelete("/faults", ClearFaults).WithName("control.clearFaults").Produces(StatusCodes.Status204NoContent);
        group.MapGet("/faults/{id}", GetFault).WithName("control.getFault")
            .Produces<FaultRuleView>().Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
        group.MapDelete("/faults/{id}", RemoveFault).WithName("control.removeFault")
            .Produces(StatusCodes.Status204NoContent).Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
    }

    /// <summary>A fault rule from its JSON; a 400 names an unknown field or a value of the wrong type.</summary>
    public static FaultRule ParseRule(JsonObject body)
    {
        foreach (var (key, _) in body)
        {
            if (!Fields.Contains(key, StringComparer.Ordinal))
                throw ControlPlaneErrors.BadRequest($"{key}: not a field of a fault rule (fields: {string.Join(", ", Fields)})");
        }
        return new FaultRule
        {
            Vendor = ControlPlaneJson.OptionalString(body, "vendor"),
            Method = ControlPlaneJson.OptionalString(body, "method"),
            Path = ControlPlaneJson.OptionalString(body, "path"),
            Status = Optional<int>(body, "status", "a whole number"),
            DelayMs = Optional<int>(body, "delayMs", "a whole number of milliseconds") ?? 0,
            Abort = Optional<bool>(body, "abort", "true or false") ?? false,
            Probability = Optional<double>(body, "probability", "a number from 0 to 1") ?? 1.0,
            Times = Optional<int>(body, "times", "a whole number"),
        };
    }

    /// <summary>The JSON of an installed rule (<see cref="FaultRuleView"/>: the fields that are set, nulls left out).</summary>
    public static string ToJson(FaultRuleState state) => JsonSerializer.Serialize(FaultRuleView.Of(state), EmulatorJson.Options);

    private static async Task<IResult> AddFault(HttpContext http, FaultRules rules)
    {
        var body = await ControlPlaneJson.ReadOptionalObjectAsync(http)
            ?? throw ControlPlaneErrors.BadRequest("body: a fault rule is required, e.g. {\"vendor\":\"gitbook\",\"status\":503,\"times\":1}");
        var state = rules.Add(ParseRule(body));
        http.Response.Headers.Location = "/_emulator/faults/" + state.Id;
        return Results.Text(ToJson(state), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListFaults(FaultRules rules) =>
        Results.Text(JsonSerializer.Serialize(new FaultRuleList([.. rules.List().Select(FaultRuleView.Of)]), EmulatorJson.Options), "application/json");

    private static IResult GetFault(string id, FaultRules rules) =>
        rules.Find(id) is { } state ? Results.Text(ToJson(state), "application/json") : throw NoSuchRule(id);

    private static IResult RemoveFault(string id, FaultRules rules) => rules.Remove(id) ? Results.NoContent() : throw NoSuchRule(id);

    private static IResult ClearFaults(FaultRules rules)
    {
        rules.Clear();
        return Results.NoContent();
    }

    private static ApiException NoSuchRule(string id) =>
        ControlPlaneErrors.NotFound($"id: no fault rule \"{id}\" (GET /_emulator/faults lists them)");

    private static T? Optional<T>(JsonObject body, string key, string expected) where T : struct
    {
        if (body[key] is not { } node) return null;
        return node is JsonValue value && value.TryGetValue<T>(out var result)
            ? result
            : throw ControlPlaneErrors.BadRequest($"{key}: must be {expected}, not {node.ToJsonString()}");
    }
}
