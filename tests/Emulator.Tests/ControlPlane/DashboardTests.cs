using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// The dashboard's server side: the page and its embedded assets, the admin-token login and cookie, and the JSON
/// routes only the dashboard needed (a tenant's collections, journal polling and one entry). The page in a real
/// browser is tests/contract/control/dashboard.test.mjs.
/// </summary>
public sealed partial class DashboardTests
{
    [Theory]
    [InlineData("_emulator")]
    [InlineData("_emulator/")]
    [InlineData("_emulator/dashboard")]
    public async Task The_page_is_served_with_a_policy_that_allows_nothing_but_the_emulator(string path)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.Contain("connect-src 'self'");
        html.Should().Contain("<script type=\"module\" src=\"/_emulator/dashboard/app.js\"></script>");
    }

    [Fact]
    public async Task The_assets_are_embedded_and_load_nothing_from_outside()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        foreach (var (path, type) in new[] { ("_emulator/", "text/html"), ("_emulator/dashboard/app.js", "text/javascript"), ("_emulator/dashboard/app.css", "text/css") })
        {
            using var response = await http.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be(type, path);
            var text = await response.Content.ReadAsStringAsync();
            ExternalUrl().Matches(text).Select(m => m.Value).Should().BeEmpty($"{path} must not load from outside the emulator");
        }
    }

    [Fact]
    public async Task With_an_admin_token_a_browser_gets_only_the_login_form_until_it_logs_in()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = "dash-secret" });
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };

        using var page = await http.GetAsync("_emulator/");
        page.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var login = await page.Content.ReadAsStringAsync();
        login.Should().Contain("<form method=\"post\" action=\"/_emulator/login\">").And.NotContain("app.js").And.Contain("<p class=\"error\" hidden>");
        (await http.GetAsync("_emulator/dashboard/app.js")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var wrong = await http.PostAsync("_emulator/login", new FormUrlEncodedContent([new("token", "guess")]));
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("<p class=\"error\">");
        wrong.Headers.Contains("Set-Cookie").Should().BeFalse();

        using var right = await http.PostAsync("_emulator/login", new FormUrlEncodedContent([new("token", "dash-secret")]));
        right.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        right.Headers.Location!.ToString().Should().Be("/_emulator/");
        var cookie = right.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith("emulator_admin=").And.Contain("path=/_emulator").And.Contain("samesite=strict").And.Contain("httponly");
        cookie.Should().NotContain("dash-secret");

        var value = cookie.Split(';')[0];
        using var admitted = new HttpRequestMessage(HttpMethod.Get, "_emulator/tenants");
        admitted.Headers.Add("Cookie", value);
        (await http.SendAsync(admitted)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "_emulator/tenants");
        forged.Headers.Add("Cookie", "emulator_admin=dash-secret");
        (await http.SendAsync(forged)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tenant_is_browsed_by_collection_a_page_at_a_time_and_exported()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var token = IntegrationsEmulator.NewToken("gb_");
        using var gitbook = emulator.CreateGitBookClient(token);
        (await gitbook.GetAsync("v1/integrations?limit=1")).EnsureSuccessStatusCode();
        var tenant = IntegrationsEmulator.TenantKeyOf(token);
        using var http = emulator.CreateClient();

        var described = await http.GetFromJsonAsync<JsonObject>($"_emulator/tenants/gitbook/{tenant}");
        var collections = described!["collections"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        collections.Should().NotBeEmpty();
        var largest = described["collections"]!.AsArray().MaxBy(c => c!["size"]!.GetValue<int>())!;
        var name = largest["name"]!.GetValue<string>();
        var size = largest["size"]!.GetValue<int>();
        size.Should().BeGreaterThan(3);

        var first = await http.GetFromJsonAsync<JsonObject>($"_emulator/tenants/gitbook/{tenant}/collections/{name}?offset=0&limit=2");
        var second = await http.GetFromJsonAsync<JsonObject>($"_emulator/tenants/gitbook/{tenant}/collections/{name}?offset=2&limit=2");
        first!["total"]!.GetValue<int>().Should().Be(size);
        var keys = first["items"]!.AsArray().Concat(second!["items"]!.AsArray()).Select(i => i!["key"]!.GetValue<string>()).ToList();
        keys.Should().HaveCount(4).And.OnlyHaveUniqueItems();

        using var export = await http.GetAsync($"_emulator/tenants/gitbook/{tenant}/export");
        export.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be($"gitbook-{tenant}.json");
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        exported.Select(p => p.Key).Should().Equal(collections);
        JsonNode.DeepEquals(exported, emulator.ExportState()["vendors"]!["gitbook"]!["tenants"]![tenant]).Should().BeTrue();
    }

    [Fact]
    public async Task A_collection_page_sees_writes_and_resets_and_finds_entries_by_text()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var token = IntegrationsEmulator.NewToken("bp_pat_");
        using var botpress = emulator.CreateBotpressClient(token);
        (await botpress.GetAsync("v1/admin/integrations")).EnsureSuccessStatusCode();
        var tenant = IntegrationsEmulator.TenantKeyOf(token);
        using var http = emulator.CreateClient();
        var path = $"_emulator/tenants/botpress/{tenant}/collections/integrations";
        var before = (await http.GetFromJsonAsync<JsonObject>(path))!["total"]!.GetValue<int>();

        using var created = await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "browse-me", version = "0.1.0" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["integration"]!["id"]!.GetValue<string>();

        (await http.GetFromJsonAsync<JsonObject>(path))!["total"]!.GetValue<int>().Should().Be(before + 1, "a write is seen by the next page");
        var found = await http.GetFromJsonAsync<JsonObject>(path + "?q=browse-me");
        found!["total"]!.GetValue<int>().Should().Be(1);
        found["items"]![0]!["key"]!.GetValue<string>().Should().Be(id);
        (await http.GetFromJsonAsync<JsonObject>(path + "?q=" + id.ToLowerInvariant()))!["total"]!.GetValue<int>().Should().Be(1, "keys match ignoring case");

        emulator.Reset("botpress", tenant);
        (await botpress.GetAsync("v1/admin/integrations")).EnsureSuccessStatusCode();
        (await http.GetFromJsonAsync<JsonObject>(path + "?q=browse-me"))!["total"]!.GetValue<int>().Should().Be(0, "a reset is seen too");
    }

    [Fact]
    public async Task Reading_an_unknown_tenant_is_a_404_and_creates_nothing()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        using var unknown = await http.GetAsync("_emulator/tenants/membrane/t_nobody");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("membrane has no tenant \\\"t_nobody\\\"");
        (await http.GetAsync("_emulator/tenants/nope/t_nobody")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetFromJsonAsync<JsonObject>("_emulator/tenants"))!["membrane"]!.AsArray().Should().BeEmpty();

        using var membrane = emulator.CreateMembraneClient();
        (await membrane.GetAsync("integrations")).EnsureSuccessStatusCode();
        var tenant = (await http.GetFromJsonAsync<JsonObject>("_emulator/tenants"))!["membrane"]![0]!["tenant"]!.GetValue<string>();
        (await http.GetAsync($"_emulator/tenants/membrane/{tenant}/collections/nothing")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var badLimit = await http.GetAsync($"_emulator/tenants/membrane/{tenant}/collections/integrations?limit=1000");
        badLimit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badLimit.Content.ReadAsStringAsync()).Should().Contain("limit: \\\"1000\\\" must be a whole number from 1 to 200");
    }

    [Fact]
    public async Task The_journal_is_polled_after_an_id_paged_before_one_and_read_one_entry_at_a_time()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var membrane = emulator.CreateMembraneClient();
        for (var i = 0; i < 3; i++) await membrane.GetAsync($"integrations?limit={i + 1}");
        using var http = emulator.CreateClient();
        var ids = (await Requests(http, "")).ToList();
        ids.Should().HaveCount(3);
        var (newest, middle, oldest) = (ids[0], ids[1], ids[2]);

        (await Requests(http, $"&after={oldest}")).Should().Equal(newest, middle);
        (await Requests(http, $"&after={newest}")).Should().BeEmpty();
        (await Requests(http, $"&before={newest}&limit=1")).Should().Equal(middle);

        var entry = await http.GetFromJsonAsync<JsonObject>($"_emulator/requests/{middle}");
        entry!["id"]!.GetValue<long>().Should().Be(middle);
        entry["query"]!.GetValue<string>().Should().Be("?limit=2");
        (await http.GetAsync($"_emulator/requests/{newest + 100}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetAsync("_emulator/requests?after=x")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<IEnumerable<long>> Requests(HttpClient http, string query)
    {
        var page = await http.GetFromJsonAsync<JsonObject>("_emulator/requests?vendor=membrane" + query);
        return page!["requests"]!.AsArray().Select(e => e!["id"]!.GetValue<long>());
    }

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
