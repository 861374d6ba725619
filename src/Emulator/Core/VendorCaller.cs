using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Who calls a vendor route — the credential resolved to its tenant — and what a handler does with the request: read its
/// query and body checked against the route's operation (<see cref="VendorOperation"/>, from the endpoint, never spelled
/// by the handler), act on the tenant through <see cref="Read{T}"/> and <see cref="Write{T}"/> (which hold the tenant's
/// lock and retire cached views), and answer JSON checked against the operation's response schema. Each vendor derives
/// one, adding how it authenticates (a static <c>BindAsync</c> ending in <see cref="Bound{TCaller}"/>).
/// </summary>
internal abstract class VendorCaller<TService, TState, TErrors>
    where TService : VendorService<TState, TErrors>
    where TState : TenantState<TState>
    where TErrors : IVendorErrors
{
    public required TService Service { get; init; }
    public required HttpContext Http { get; init; }
    public required string TenantKey { get; init; }
    public required TState State { get; init; }

    public TErrors Errors => Service.Errors;

    public DateTimeOffset Now => Service.Clock.GetUtcNow();

    /// <summary>The operation this request was routed to.</summary>
    public VendorOperation Operation =>
        _operation ??= VendorRoutes.OperationOf(Http) ?? throw Errors.Internal($"Emulator bug: {Http.Request.Path} is not mapped in a vendor group");

    private VendorOperation? _operation;

    /// <summary>The schemas, for what a handler checks beyond its operation's query, body and answer.</summary>
    public SchemaRegistry Schemas => Service.Requests.Schemas;

    /// <summary>Query booleans read the way zod coerces them (<see cref="VendorRequests.ReadQuery"/>).</summary>
    protected virtual bool ZodBooleans => false;

    /// <summary>The request body, validated against the operation's request schema.</summary>
    public Task<JsonObject> BodyAsync()
    {
        var operation = Operation;
        if (operation.Bodiless) throw Errors.Internal($"Emulator bug: {operation.Id} is bodiless and has no body to read");
        return Service.Requests.ReadBodyAsync(Http, Service.Vendor, Errors, operation.Request);
    }

    /// <summary>The query string, typed and validated by the operation's query schema (untyped strings when it has none).</summary>
    public JObject Query() => Service.Requests.ReadQuery(Http, Service.Vendor, Errors, Operation.Query, ZodBooleans);

    /// <summary>A JSON answer (2xx), serialized and checked against the operation's response schema.</summary>
    public IResult Ok<T>(T body, int statusCode = StatusCodes.Status200OK, string? location = null) =>
        OkJson(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, EmulatorJson.Options), statusCode, location);

    /// <summary>A JSON answer already serialized, checked like <see cref="Ok{T}"/>.</summary>
    public IResult OkJson(byte[] json, int statusCode = StatusCodes.Status200OK, string? location = null) =>
        Service.Requests.RawJson(Service.Vendor, Errors, Operation.Response, json, statusCode, location);

    /// <summary>Reads the tenant under its lock.</summary>
    public T Read<T>(Func<TState, T> read) => State.Read(read);

    /// <summary>Changes the tenant under its lock; views cached before are stale afterwards.</summary>
    public T Write<T>(Func<TState, T> write) => State.Write(write);

    /// <inheritdoc cref="Write{T}"/>
    public void Write(Action<TState> write) => State.Write(write);

    /// <summary>
    /// The end of a caller's <c>BindAsync</c>: records the tenant for the journal and, for a bodiless operation,
    /// refuses a body before the handler runs. A body sent with a GET is read and ignored first: answering a large page
    /// while the client is still sending would leave both sides writing, neither reading.
    /// </summary>
    protected static ValueTask<TCaller?> Bound<TCaller>(TCaller caller) where TCaller : VendorCaller<TService, TState, TErrors>
    {
        caller.Http.Items[VendorDirectory.TenantItem] = caller.TenantKey;
        // Routes outside the vendor groups (webhooks) bind callers too: no operation there, nothing to refuse.
        var operation = ((VendorCaller<TService, TState, TErrors>)caller)._operation = VendorRoutes.OperationOf(caller.Http);
        if (operation is { Bodiless: true }) return RefuseBodyAsync(caller);
        if (HttpMethods.IsGet(caller.Http.Request.Method) || HttpMethods.IsHead(caller.Http.Request.Method)) return DrainBodyAsync(caller);
        return ValueTask.FromResult<TCaller?>(caller);
    }

    private static async ValueTask<TCaller?> DrainBodyAsync<TCaller>(TCaller caller) where TCaller : VendorCaller<TService, TState, TErrors>
    {
        await VendorErrorMiddleware.DrainBodyAsync(caller.Http);
        return caller;
    }

    private static async ValueTask<TCaller?> RefuseBodyAsync<TCaller>(TCaller caller) where TCaller : VendorCaller<TService, TState, TErrors>
    {
        await caller.Service.Requests.ReadNoBodyAsync(caller.Http, caller.Errors);
        return caller;
    }
}
