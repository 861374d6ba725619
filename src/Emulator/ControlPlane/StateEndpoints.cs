using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>GET /_emulator/state</c> → the snapshot of all state; <c>PUT /_emulator/state</c> replaces all state with
/// one (204; 400 naming the JSON path at fault, state untouched); <c>POST /_emulator/state/save</c> writes the
/// state file (204; 409 without <c>--state-file</c>). See <see cref="EmulatorState"/> for the format.
/// </summary>
internal static class StateEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/state", GetState).WithName("control.getState").Produces<JsonObject>();
        group.MapPut("/state", PutState).WithName("control.putState")
            .AcceptsJson<JsonObject>().Produces(StatusCodes.Status204NoContent)
            .Produces<ControlPlaneError>(StatusCodes.Status400BadRequest);
        group.MapPost("/state/save", SaveState).WithName("control.saveState")
            .Produces(StatusCodes.Status204NoContent).Produces<ControlPlaneError>(StatusCodes.Status409Conflict);
    }

    private static IResult GetState(EmulatorState state) => Results.Bytes(state.ExportBytes(), "application/json");

    private static async Task<IResult> PutState(HttpContext http, EmulatorState state)
    {
        JsonNode? snapshot;
        try
        {
            snapshot = await JsonNode.ParseAsync(http.Request.Body, documentOptions: SnapshotParse.Options, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            throw ControlPlaneErrors.BadRequest("body: not valid JSON: " + e.Message);
        }
        try
        {
            state.Import(snapshot);
        }
        catch (SnapshotException e)
        {
            throw ControlPlaneErrors.BadRequest(e.Message);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> SaveState(HttpContext http, EmulatorState state, EmulatorOptions options)
    {
        // The file is the one given at start (--state-file); a request cannot choose where the emulator writes.
        if (await ControlPlaneJson.ReadOptionalObjectAsync(http) is { Count: > 0 })
            throw ControlPlaneErrors.BadRequest("body: POST /_emulator/state/save takes no body; it always writes the --state-file given at start");
        if (options.StateFile is null)
            throw ControlPlaneErrors.Conflict("stateFile: no state file is configured (start the emulator with --state-file PATH)");
        try
        {
            state.Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ControlPlaneErrors.ServerError($"stateFile: could not write {options.StateFile}: {e.Message}");
        }
        return Results.NoContent();
    }
}
