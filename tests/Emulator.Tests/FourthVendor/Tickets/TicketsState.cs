using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Tests.FourthVendor.Tickets;

internal sealed record Ticket(string Id, string Title, string Status, DateTimeOffset CreatedAt);

/// <summary>One tenant's tickets in creation order; ids are their sequence numbers, so seeded data is deterministic.</summary>
internal sealed class TicketsState : TenantState<TicketsState>
{
    private readonly List<Ticket> _tickets = [];

    public IReadOnlyList<Ticket> Tickets => _tickets;

    public Ticket Add(string title, string status, DateTimeOffset createdAt)
    {
        var ticket = new Ticket($"tkt_{_tickets.Count + 1:D6}", title, status, createdAt);
        _tickets.Add(ticket);
        return ticket;
    }

    protected override TicketsState Copy()
    {
        var copy = new TicketsState();
        copy._tickets.AddRange(_tickets);
        return copy;
    }

    protected override IReadOnlyDictionary<string, int> Count() => new Dictionary<string, int> { ["tickets"] = _tickets.Count };
}
