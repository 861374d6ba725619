using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Tests.Botpress;
using IntegrationsApiEmulator.Tests.Membrane;
using GitBookKit = IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.Reliability;

/// <summary>
/// Tenant isolation over every list route the emulator serves (read from <c>GET /_emulator/routes</c>, so a new list
/// route is covered without editing this test): tenant A creates data in each vendor; every list route answers tenant B
/// exactly as it did before, while tenant A sees its writes.
/// </summary>
public sealed partial class TenantIsolationTests
{
    [Fact]
    public async Task No_list_route_shows_one_tenants_writes_to_another()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var workspace = BotpressTestKit.NewWorkspaceId();
        using var botpressA = emulator.CreateBotpressClient("bp-tenant-a", workspace);
        using var botpressB = emulator.CreateBotpressClient("bp-tenant-b", workspace);
        using var gitbookA = GitBookKit.Client(emulator, "gb-tenant-a");
        using var gitbookB = GitBookKit.Client(emulator, "gb-tenant-b");
        using var membraneA = emulator.Membrane("pat-iso-tenant-a");
        using var membraneB = emulator.Membrane("pat-iso-tenant-b");
        using var control = emulator.CreateClient();

        // What tenant A will create, named up front so tenant B can be asked about the same names before and after.
        var botpressName = BotpressTestKit.UniqueName("iso");
        var gitbookName = GitBookKit.UniqueName("iso");
        var membraneKey = "iso-" + Guid.NewGuid().ToString("N")[..8];
        var routes = (await control.GetFromJsonAsync<JsonObject>("_emulator/routes"))!["routes"]!.AsArray()
            .Select(r => (Vendor: (string)r!["vendor"]!, Method: (string)r["method"]!, Route: (string)r["route"]!, Name: (string?)r["name"]))
            .Where(r => r.Method == "GET" && r.Name is { } name && ListName().IsMatch(name[(name.IndexOf('.') + 1)..]))
            .ToList();
        routes.Should().HaveCountGreaterThan(20);
        routes.Select(r => r.Vendor).Distinct().Should().BeEquivalentTo(["botpress", "gitbook", "membrane"]);

        var before = new Dictionary<string, string>();
        var gitbookInstallation = "none-yet";
        string Url((string Vendor, string Method, string Route, string? Name) route) =>
            ParameterOf().Replace(route.Route[(route.Vendor.Length + 2)..], m => m.Groups[1].Value switch
            {
                "organizationId" => GitBookKit.Home,
                "spaceId" => GitBookKit.DocsSpace,
                "siteId" => GitBookKit.DocsSite,
                "integrationName" => gitbookName,
                "installationId" => gitbookInstallation,
                "selector" => membraneKey,
                var other => throw new InvalidOperationException($"{route.Name}: no value for {{{other}}}; add one to this test"),
            }) + (route.Name == "botpress.listIntegrationApiKeys" ? "?integrationId=" + botpressName : "");
        HttpClient For(string vendor, bool a) => vendor switch
        {
            "botpress" => a ? botpressA : botpressB,
            "gitbook" => a ? gitbookA : gitbookB,
            _ => a ? membraneA : membraneB,
        };
        async Task<string> AnswerAsync(HttpClient client, string url)
        {
            using var response = await client.GetAsync(url);
            // Error ids (Botpress err_…) are unique per answer: not part of what a tenant sees of another.
            return $"{(int)response.StatusCode} {ErrorId().Replace(await response.Content.ReadAsStringAsync(), "")}";
        }

        foreach (var route in routes) before[route.Name!] = await AnswerAsync(For(route.Vendor, a: false), Url(route));

        var created = await BotpressTestKit.CreateAsync(botpressA, botpressName);
        (await botpressA.PostJsonAsync("v1/admin/bots", new JsonObject { ["name"] = "iso-bot" })).EnsureSuccessStatusCode();
        (_, gitbookInstallation) = await PublishAndInstallNamedAsync(gitbookA, gitbookName);
        await membraneA.CreateIntegrationAsync(new JsonObject { ["key"] = membraneKey, ["name"] = "Isolation" });
        var installationOfA = gitbookInstallation;

        var leaks = new List<string>();
        foreach (var route in routes)
        {
            gitbookInstallation = "none-yet";
            var after = await AnswerAsync(For(route.Vendor, a: false), Url(route));
            if (after != before[route.Name!]) leaks.Add($"{route.Name} {Url(route)}:\n  before: {Cut(before[route.Name!])}\n  after:  {Cut(after)}");
        }
        leaks.Should().BeEmpty();

        // Tenant A does see its writes (the comparison above is not vacuous).
        (await AnswerAsync(botpressA, "v1/admin/integrations?limit=100")).Should().Contain((string)created["id"]!);
        (await AnswerAsync(gitbookA, $"v1/orgs/{GitBookKit.Home}/installations?limit=100")).Should().Contain(installationOfA);
        (await AnswerAsync(membraneA, "integrations?limit=100")).Should().Contain(membraneKey);
        (await AnswerAsync(botpressB, "v1/admin/integrations?limit=100")).Should().NotContain((string)created["id"]!);
    }

    private static async Task<(string, string)> PublishAndInstallNamedAsync(HttpClient gitbook, string name)
    {
        await GitBookKit.PublishAsync(gitbook, name);
        var installation = await GitBookKit.InstallAsync(gitbook, name);
        return (name, Str(installation["id"]));
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    [GeneratedRegex("\"id\":\"err_[^\"]*\"")]
    private static partial Regex ErrorId();

    [GeneratedRegex("^(list|find)[A-Z]")]
    private static partial Regex ListName();

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex ParameterOf();
}
