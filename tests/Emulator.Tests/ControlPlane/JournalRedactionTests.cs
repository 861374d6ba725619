using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>No credential reaches the journal: bearer tokens, API keys, secrets, minted keys and installation tokens.</summary>
public sealed class JournalRedactionTests
{
    [Fact]
    public async Task The_bearer_token_appears_nowhere_in_the_journal()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        var token = IntegrationsEmulator.NewToken("bp_pat_");
        using var botpress = emulator.CreateBotpressClient(token);

        await botpress.GetAsync("v1/admin/integrations?limit=2");
        await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "redacted", version = "1.0.0", description = "made with " + token });
        await botpress.GetAsync("v1/admin/hub/integrations?limit=1&note=" + token);
        using (var malformed = new HttpRequestMessage(HttpMethod.Get, "v1/admin/integrations"))
        {
            malformed.Headers.TryAddWithoutValidation("Authorization", "Token " + token); // not Bearer: a 401
            (await botpress.SendAsync(malformed)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var journal = await control.JournalTextAsync();
        JsonNode.Parse(journal)!["requests"]!.AsArray().Should().HaveCount(4);
        journal.Should().NotContain(token);
        journal.Should().NotContain(token[7..], "not even without its prefix");
        var entries = emulator.GetRequests();
        entries.Should().OnlyContain(e => e.RequestHeaders["Authorization"] == JournalRedaction.Mask);
        entries.Single(e => e.Method == "POST").RequestBody.Should().Contain("made with [REDACTED]");
        entries.Should().Contain(e => e.Query == "?limit=1&note=[REDACTED]");
    }

    [Fact]
    public async Task Credential_headers_and_query_parameters_are_masked_and_others_kept()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var gitbook = emulator.CreateGitBookClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/integrations?limit=1&access_token=qs-secret-1&api_key=qs-secret-2&nextToken=page-1");
        request.Headers.Add("X-Api-Key", "hdr-secret-1");
        request.Headers.Add("Cookie", "session=hdr-secret-2");
        request.Headers.Add("X-Custom-Token", "hdr-secret-3");
        request.Headers.Add("X-Forwarded-For", "gb_api_hdr-secret-4"); // a vendor credential shape, whatever the name
        request.Headers.Add("X-Trace", "kept-1");

        await gitbook.SendAsync(request);

        var entry = emulator.GetRequests().Single();
        entry.RequestHeaders["X-Api-Key"].Should().Be(JournalRedaction.Mask);
        entry.RequestHeaders["Cookie"].Should().Be(JournalRedaction.Mask);
        entry.RequestHeaders["X-Custom-Token"].Should().Be(JournalRedaction.Mask);
        entry.RequestHeaders["X-Forwarded-For"].Should().Be(JournalRedaction.Mask);
        entry.RequestHeaders["X-Trace"].Should().Be("kept-1");
        entry.Query.Should().Be("?limit=1&access_token=%5BREDACTED%5D&api_key=%5BREDACTED%5D&nextToken=page-1");
        var journal = await emulator.CreateClient().JournalTextAsync();
        foreach (var secret in new[] { "qs-secret-1", "qs-secret-2", "hdr-secret-1", "hdr-secret-2", "hdr-secret-3", "hdr-secret-4" })
            journal.Should().NotContain(secret);
    }

    [Fact]
    public async Task Integration_secrets_in_bodies_are_masked()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var botpress = emulator.CreateBotpressClient();
        using var gitbook = emulator.CreateGitBookClient();

        (await botpress.PostAsJsonAsync("v1/admin/integrations", new
        {
            name = "with-secrets",
            version = "1.0.0",
            title = "Kept title",
            secrets = new Dictionary<string, string> { ["API_KEY"] = "bp-body-secret-1" },
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await gitbook.PostAsJsonAsync("v1/integrations/with-secrets", new
        {
            organization = "emulator-org",
            title = "Kept title",
            description = "d",
            script = "s",
            scopes = Array.Empty<string>(),
            visibility = "private",
            secrets = new Dictionary<string, string> { ["TOKEN"] = "gb-body-secret-2" },
        })).IsSuccessStatusCode.Should().BeTrue();

        var journal = await emulator.CreateClient().JournalTextAsync();
        journal.Should().NotContain("bp-body-secret-1").And.NotContain("gb-body-secret-2");
        var entries = emulator.GetRequests();
        entries.Should().OnlyContain(e => e.RequestBody!.Contains("\"secrets\":{") && e.RequestBody.Contains("Kept title"));
        JsonNode.Parse(entries.Single(e => e.Vendor == "botpress").RequestBody!)!["secrets"]!["API_KEY"].Str().Should().Be(JournalRedaction.Mask);
    }

    [Fact]
    public async Task Minted_botpress_api_keys_and_gitbook_installation_tokens_are_masked()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var botpress = emulator.CreateBotpressClient();
        using var gitbook = emulator.CreateGitBookClient();

        var created = await (await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "keyed", version = "1.0.0" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var key = await (await botpress.PostAsJsonAsync("v1/admin/integrations/iaks", new { integrationId = created!["integration"]!["id"].Str(), note = "n" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var iak = key!["value"].Str();
        iak.Should().StartWith("bp_iak_");
        using (var asKey = emulator.CreateBotpressClient(iak))
        {
            await asKey.GetAsync("v1/admin/integrations?limit=1");
        }

        var (name, installationId) = await GitBook.GitBookTestKit.PublishAndInstallAsync(gitbook);
        var installationToken = await GitBook.GitBookTestKit.MintTokenAsync(gitbook, name, installationId);
        installationToken.Should().StartWith("gb_inst_");

        var journal = await emulator.CreateClient().JournalTextAsync();
        journal.Should().NotContain(iak).And.NotContain(installationToken);
        var entries = emulator.GetRequests();
        JsonNode.Parse(entries.Single(e => e.Path.EndsWith("/iaks", StringComparison.Ordinal)).ResponseBody!)!["value"].Str().Should().Be(JournalRedaction.Mask);
        JsonNode.Parse(entries.Single(e => e.Path.EndsWith("/tokens", StringComparison.Ordinal)).ResponseBody!)!["token"].Str().Should().Be(JournalRedaction.Mask);
    }

    [Theory]
    [InlineData("token", true)]
    [InlineData("accessToken", true)]
    [InlineData("refresh_token", true)]
    [InlineData("API_TOKEN", true)]
    [InlineData("tokens", true)]
    [InlineData("newSigningSecret", true)]
    [InlineData("secrets", true)]
    [InlineData("client-secret", true)]
    [InlineData("password", true)]
    [InlineData("apiKey", true)]
    [InlineData("x-api-key", true)]
    [InlineData("private_key", true)]
    [InlineData("credentials", true)]
    [InlineData("Authorization", true)]
    [InlineData("nextToken", false)]
    [InlineData("pageToken", false)]
    [InlineData("key", false)]
    [InlineData("tokenType", false)]
    [InlineData("name", false)]
    [InlineData("description", false)]
    public void Credential_names(string name, bool credential) => JournalRedaction.IsCredentialName(name).Should().Be(credential);

    // What the built-in vendor modules declare.
    private static readonly CredentialPrefixes Prefixes = new(EmulatorApp.Vendors(EmulatorOptions.Default).SelectMany(m => m.CredentialPrefixes));

    [Fact]
    public void Bodies_without_credentials_are_kept_byte_for_byte()
    {
        var body = """{ "name" : "x", "description":"a token of thanks", "nextToken":"abc", "key":"hubspot", "secrets":[], "token":null }"""u8;

        JournalRedaction.Body(body, truncated: false, bearer: "bp_pat_1"u8, Prefixes).Should().BeNull();
    }

    [Fact]
    public void Nested_and_cut_bodies_are_masked_and_stay_readable()
    {
        var nested = """{"a":{"password":{"x":[1,"two",{"deep":true}]},"b":"kept"},"c":[{"accessToken":"t1"},{"note":"bp_pat_zz"}]}"""u8;
        Encoding.UTF8.GetString(JournalRedaction.Body(nested, false, default, Prefixes)!).Should().Be(
            """{"a":{"password":{"x":["[REDACTED]","[REDACTED]",{"deep":"[REDACTED]"}]},"b":"kept"},"c":[{"accessToken":"[REDACTED]"},{"note":"[REDACTED]"}]}""");

        var cut = """{"title":"t","token":"gb_inst_abcdef","more":"the rest is cut of"""u8;
        Encoding.UTF8.GetString(JournalRedaction.Body(cut, truncated: true, default, Prefixes)!).Should().Be("""{"title":"t","token":"[REDACTED]","more":""");

        var broken = """{"secret":"s1", oops not json bearer-xyz"""u8;
        Encoding.UTF8.GetString(JournalRedaction.Body(broken, false, "bearer-xyz"u8, Prefixes)!).Should().Be("""{"secret":"[REDACTED]", oops not json [REDACTED]""");
    }

    [Fact]
    public void A_body_with_a_string_that_cannot_be_unescaped_is_masked_whole_instead_of_failing()
    {
        var body = """{"token":"\ud800","name":"kept?"}"""u8;

        Encoding.UTF8.GetString(JournalRedaction.Body(body, false, default, Prefixes)!).Should().Be(JournalRedaction.Mask);
    }
}
