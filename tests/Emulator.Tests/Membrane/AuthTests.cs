using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>
/// Who may call: <c>pat-</c> tokens (each its own tenant) and JWTs (tenant = payload <c>iss</c> + <c>id</c>, signature
/// not checked); the <c>membrane-api-version</c> header.
/// </summary>
public sealed class AuthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>One route of each kind, to show auth runs before anything else.</summary>
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "integrations" },
        { "POST", "integrations" },
        { "GET", "integrations/hubspot" },
        { "PATCH", "integrations/hubspot" },
        { "DELETE", "integrations/hubspot" },
        { "POST", "integrations/hubspot/setup" },
        { "GET", "integrations/hubspot/connector-spec" },
        { "GET", "integrations/hubspot/operations/create-contact" },
        { "POST", "connection-options" },
        { "GET", "integrations/hubspot/actions" },
        { "POST", "integrations/hubspot/flows/sync-contacts/reset" },
    };

    private static HttpRequestMessage Request(string method, string url, string? authorization, string? apiVersion = ApiVersion)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (apiVersion is not null) request.Headers.Add("membrane-api-version", apiVersion);
        if (method is "POST" or "PATCH" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return request;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task No_authorization_is_401_not_authenticated(string method, string url)
    {
        using var membrane = fixture.Emulator.Anonymous();

        await membrane.SendAsync(Request(method, url, null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "bad_request", "not_authenticated");
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Bearer PAT-upper-case")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.MTIz.sig")]
    [InlineData("Bearer one.two")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("pat-without-scheme")]
    [InlineData("Bearer pat-a pat-b")]
    public async Task A_token_that_is_neither_pat_nor_a_jwt_is_401_not_authenticated(string authorization)
    {
        using var membrane = fixture.Emulator.Anonymous();

        foreach (var (method, url) in new[] { ("GET", "integrations"), ("POST", "integrations"), ("GET", "integrations/hubspot/actions") })
            await membrane.SendAsync(Request(method, url, authorization)).ShouldFailAsync(HttpStatusCode.Unauthorized, "bad_request", "not_authenticated");
    }

    [Theory]
    [InlineData("2099-01-01")]
    [InlineData("latest")]
    [InlineData("LEGACY")]
    public async Task An_unknown_api_version_is_400_naming_the_header(string version)
    {
        using var membrane = fixture.Emulator.Membrane(apiVersion: version);

        await membrane.GetAsync(Integrations).ShouldBeBadRequestAsync("membrane-api-version", version);
        await membrane.PostJsonAsync(Integrations, new JsonObject()).ShouldBeBadRequestAsync("membrane-api-version");
    }

    [Theory]
    [InlineData("2025-10-21")]
    [InlineData("legacy")]
    [InlineData(null)]
    public async Task Known_api_versions_or_none_are_accepted(string? version)
    {
        using var membrane = fixture.Emulator.Membrane(apiVersion: version);

        Keys(await membrane.GetAsync(Integrations).OkJsonAsync()).Should().Equal(SeededLiveKeys);
    }

    [Fact]
    public async Task Pat_tenants_are_isolated_and_a_pat_is_its_own_tenant_across_clients()
    {
        using var a = fixture.Emulator.Membrane();
        using var b = fixture.Emulator.Membrane();
        using var a2 = fixture.Emulator.Membrane(TokenOf(a));

        var created = await a.CreateUniqueAsync("iso");
        await a.PatchJsonAsync($"{Integrations}/hubspot", new JsonObject { ["name"] = "Mine" }).OkJsonAsync();

        IdOf(await a2.GetIntegrationAsync(KeyOf(created))).Should().Be(IdOf(created));
        await b.GetAsync($"{Integrations}/{KeyOf(created)}").ShouldBeNotFoundAsync();
        Str((await b.GetIntegrationAsync("hubspot"))["name"]).Should().Be("HubSpot", "every tenant starts from the seeded template");
        Str((await a2.GetIntegrationAsync("hubspot"))["name"]).Should().Be("Mine");
    }

    [Fact]
    public async Task Two_jwts_with_the_same_issuer_and_id_share_a_tenant_whatever_their_exp_and_signature()
    {
        var workspace = "ws-" + Guid.NewGuid().ToString("N");
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var first = Jwt(new JsonObject { ["id"] = tenant, ["iss"] = workspace, ["exp"] = now + 3600 }, "c2lnLW9uZQ");
        var second = Jwt(new JsonObject { ["iss"] = workspace, ["id"] = tenant, ["exp"] = now + 7200, ["name"] = "re-minted" }, "c2lnLXR3bw");
        var unsigned = Jwt(new JsonObject { ["id"] = tenant, ["iss"] = workspace }, "");
        using var one = fixture.Emulator.Membrane(first);
        using var two = fixture.Emulator.Membrane(second);
        using var three = fixture.Emulator.Membrane(unsigned);

        var created = await one.CreateUniqueAsync("jwt");

        IdOf(await two.GetIntegrationAsync(KeyOf(created))).Should().Be(IdOf(created));
        IdOf(await three.GetIntegrationAsync(KeyOf(created))).Should().Be(IdOf(created));
        await two.DeleteAsync($"{Integrations}/{KeyOf(created)}").OkJsonAsync();
        (await one.GetIntegrationAsync(KeyOf(created)))["archivedAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_jwt_with_another_id_or_another_issuer_is_another_tenant()
    {
        var workspace = "ws-" + Guid.NewGuid().ToString("N");
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        using var owner = fixture.Emulator.Membrane(Jwt(new JsonObject { ["id"] = tenant, ["iss"] = workspace }));
        using var otherId = fixture.Emulator.Membrane(Jwt(new JsonObject { ["id"] = tenant + "-b", ["iss"] = workspace }));
        using var otherIssuer = fixture.Emulator.Membrane(Jwt(new JsonObject { ["id"] = tenant, ["iss"] = workspace + "-b" }));

        var created = await owner.CreateUniqueAsync("jwt");

        await otherId.GetAsync($"{Integrations}/{KeyOf(created)}").ShouldBeNotFoundAsync();
        await otherIssuer.GetAsync($"{Integrations}/{KeyOf(created)}").ShouldBeNotFoundAsync();
        Keys(await otherId.GetAsync(Integrations).OkJsonAsync()).Should().Equal(SeededLiveKeys);
    }

    [Fact]
    public async Task A_jwt_tenant_is_not_a_pat_tenant()
    {
        var tenant = "pat-" + Guid.NewGuid().ToString("N");
        using var jwt = fixture.Emulator.Membrane(Jwt(new JsonObject { ["id"] = tenant, ["iss"] = "ws" }));
        using var pat = fixture.Emulator.Membrane(tenant);

        var created = await jwt.CreateUniqueAsync("jwt");

        await pat.GetAsync($"{Integrations}/{KeyOf(created)}").ShouldBeNotFoundAsync();
    }

    [Fact]
    public async Task The_lowercase_bearer_scheme_is_accepted()
    {
        using var membrane = fixture.Emulator.Anonymous();
        var token = NewPat();

        using var response = await membrane.SendAsync(Request("GET", Integrations, "bearer " + token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Auth_is_checked_before_the_query_or_the_body()
    {
        using var membrane = fixture.Emulator.Anonymous();

        await membrane.SendAsync(Request("GET", $"{Integrations}?limit=0", "Bearer nope")).ShouldFailAsync(HttpStatusCode.Unauthorized, "bad_request", "not_authenticated");
        var malformed = new HttpRequestMessage(HttpMethod.Post, Integrations) { Content = new StringContent("{oops", Encoding.UTF8, "application/json") };
        await membrane.SendAsync(malformed).ShouldFailAsync(HttpStatusCode.Unauthorized, "bad_request", "not_authenticated");
    }
}
