using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.FourthVendor.Tickets;

/// <summary>Any bearer token is a tenant (a help desk account).</summary>
internal sealed class TicketsCaller : VendorCaller<TicketsService, TicketsState, TicketsErrors>
{
    public static ValueTask<TicketsCaller?> BindAsync(HttpContext context)
    {
        var service = context.RequestServices.GetRequiredService<TicketsService>();
        var token = BearerToken.From(context.Request.Headers.Authorization.ToString(), out _) ?? throw service.Errors.Unauthorized("Send 'Authorization: Bearer <token>'");
        var key = service.Tenants.KeyFor(token);
        return Bound(new TicketsCaller { Service = service, Http = context, TenantKey = key, State = service.Tenants.Get(key) });
    }
}

/// <summary><c>/tickets/v1/tickets</c>: list (<c>limit</c>, <c>page</c>), create, get.</summary>
internal static class TicketsEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/tickets", List).WithName("tickets.listTickets");
        v1.MapPost("/tickets", CreateAsync).WithName("tickets.createTicket").Schemas(response: "ticket");
        v1.MapGet("/tickets/{id}", Get).WithName("tickets.getTicket").Schemas(response: "ticket");
    }

    private static IResult List(TicketsCaller caller)
    {
        var query = caller.Query();
        var page = caller.Read(state => KeysetPager.Take(state.Tickets, t => t.Id, (string?)query["page"], (int?)query["limit"] ?? 20,
            $"tickets|{caller.TenantKey}", caller.Service.PageTokens, () => caller.Errors.InvalidPageToken("page")));
        var json = new JsonObject { ["items"] = new JsonArray([.. page.Items.Select(t => (JsonNode)View(t))]) };
        if (page.NextToken is not null) json["next"] = page.NextToken;
        return caller.Ok(json);
    }

    private static async Task<IResult> CreateAsync(TicketsCaller caller)
    {
        var body = await caller.BodyAsync();
        var ticket = caller.Write(state => state.Add((string)body["title"]!, (string?)body["status"] ?? "open", caller.Now));
        return caller.Ok(View(ticket), StatusCodes.Status201Created, $"/tickets/v1/tickets/{ticket.Id}");
    }

    private static IResult Get(TicketsCaller caller, string id) => caller.Read(state =>
        caller.Ok(View(state.Tickets.FirstOrDefault(t => t.Id == id) ?? throw caller.Errors.NotFound($"Ticket \"{id}\" not found"))));

    public static JsonObject View(Ticket t) =>
        new() { ["id"] = t.Id, ["title"] = t.Title, ["status"] = t.Status, ["createdAt"] = EmulatorJson.Iso(t.CreatedAt) };
}
