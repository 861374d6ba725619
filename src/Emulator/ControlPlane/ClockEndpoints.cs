using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>GET /_emulator/clock</c> → <c>{now, frozen}</c>; <c>POST</c> with <c>{"freeze":true|false}</c>,
/// <c>{"advance":"PT1H"}</c> (ISO 8601 duration), <c>{"set":"2030-01-01T00:00:00Z"}</c> or <c>{"real":true}</c> (back to
/// the machine's time: not frozen, no offset). Scheduled work
/// (GitBook tasks) fires when the clock passes its time.
/// </summary>
internal static class ClockEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/clock", GetClock).WithName("control.getClock")
            .Produces<ClockReading>().Produces<ControlPlaneError>(StatusCodes.Status409Conflict);
        group.MapPost("/clock", ChangeClock).WithName("control.changeClock")
            .AcceptsJson<ClockChange>().Produces<ClockReading>()
            .Produces<ControlPlaneError>(StatusCodes.Status400BadRequest).Produces<ControlPlaneError>(StatusCodes.Status409Conflict);
    }

    private static IResult GetClock(IServiceProvider services) => Json(Clock(services));

    private static async Task<IResult> ChangeClock(HttpContext http, IServiceProvider services)
    {
        var clock = Clock(services);
        var body = await ControlPlaneJson.ReadOptionalObjectAsync(http) ?? throw ControlPlaneErrors.BadRequest("body: one of freeze, advance, set or real is required");
        var keys = body.Select(p => p.Key).ToList();
        if (keys.Count != 1 || keys[0] is not ("freeze" or "advance" or "set" or "real"))
            throw ControlPlaneErrors.BadRequest($"body: exactly one of freeze, advance, set or real is required, not {(keys.Count == 0 ? "none" : string.Join(", ", keys))}");
        switch (keys[0])
        {
            case "freeze":
                if (body["freeze"] is not JsonValue freeze || !freeze.TryGetValue<bool>(out var frozen))
                    throw ControlPlaneErrors.BadRequest("freeze: must be true or false");
                if (frozen) clock.Freeze();
                else clock.Unfreeze();
                break;
            case "real":
                if (body["real"] is not JsonValue real || !real.TryGetValue<bool>(out var toReal) || !toReal)
                    throw ControlPlaneErrors.BadRequest("real: must be true (back to the machine's time)");
                clock.UseRealTime();
                break;
            case "advance":
                clock.Advance(Duration(ControlPlaneJson.OptionalString(body, "advance")!));
                break;
            default:
                var text = ControlPlaneJson.OptionalString(body, "set")!;
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to))
                    throw ControlPlaneErrors.BadRequest($"set: \"{text}\" is not an ISO 8601 date-time");
                clock.Set(to);
                break;
        }
        return Json(clock);
    }

    /// <summary>An ISO 8601 duration (<c>PT1H</c>, <c>P1DT2H30M</c>), positive.</summary>
    public static TimeSpan Duration(string text)
    {
        TimeSpan duration;
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw ControlPlaneErrors.BadRequest($"advance: \"{text}\" is not an ISO 8601 duration such as PT1H or P1DT30M");
        }
        return duration > TimeSpan.Zero ? duration : throw ControlPlaneErrors.BadRequest($"advance: \"{text}\" must be a positive duration");
    }

    private static VirtualClock Clock(IServiceProvider services) =>
        services.GetService<VirtualClock>()
        ?? throw ControlPlaneErrors.Conflict("clock: this emulator runs on a clock supplied by its host (EmulatorOptions.Clock); drive that clock instead");

    private static IResult Json(VirtualClock clock) =>
        Results.Text(new JsonObject { ["now"] = EmulatorJson.Iso(clock.GetUtcNow()), ["frozen"] = clock.IsFrozen }.ToJsonString(), "application/json");
}
