using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The dashboard: <c>GET /_emulator/</c> (also <c>/_emulator</c> and <c>/_emulator/dashboard</c>) is one static page
/// whose script reads and steers the emulator through the <c>/_emulator</c> JSON routes; its assets are embedded in the
/// assembly and nothing is loaded from elsewhere (the Content-Security-Policy says so to the browser). With
/// <c>--admin-token</c>, a browser without the token's cookie gets only the login form, which
/// <c>POST /_emulator/login</c> answers by setting the cookie (<see cref="AdminToken"/>).
/// </summary>
internal static class DashboardEndpoints
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The login form has no script and its few styles inline (nothing else may be served before the token).
    private const string LoginPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Assets = new Dictionary<string, (byte[], string)>
    {
        ["index.html"] = (Read("index.html"), "text/html; charset=utf-8"),
        ["login.html"] = (Read("login.html"), "text/html; charset=utf-8"),
        // The login form again, saying why: its error line shown.
        ["login-failed.html"] = (Read("login.html", show: "<p class=\"error\""), "text/html; charset=utf-8"),
        ["app.js"] = (Read("app.js"), "text/javascript; charset=utf-8"),
        ["app.css"] = (Read("app.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary();

    /// <summary>The page and the login routes: outside the admin-token filter, they decide themselves what to serve.</summary>
    public static void MapPage(RouteGroupBuilder root)
    {
        // "/" also answers /_emulator (routing ignores a trailing slash).
        foreach (var pattern in new[] { "/", "/dashboard" })
            root.MapGet(pattern, Page).WithName("control.dashboard" + pattern.Replace("/", ".")).ExcludeFromDescription();
        root.MapPost("/login", (Delegate)LogIn).WithName("control.login").ExcludeFromDescription();
        root.MapPost("/logout", LogOut).WithName("control.logout").ExcludeFromDescription();
    }

    /// <summary>The page's script and styles: behind the admin token like every other control route.</summary>
    public static void MapAssets(RouteGroupBuilder group)
    {
        group.MapGet("/dashboard/app.js", (HttpContext http) => Asset(http, "app.js")).WithName("control.dashboardScript").ExcludeFromDescription();
        group.MapGet("/dashboard/app.css", (HttpContext http) => Asset(http, "app.css")).WithName("control.dashboardStyles").ExcludeFromDescription();
    }

    private static IResult Page(HttpContext http) =>
        AdminToken.IsAdmitted(http) ? Asset(http, "index.html") : Asset(http, "login.html", StatusCodes.Status401Unauthorized);

    private static async Task<IResult> LogIn(HttpContext http)
    {
        var expected = AdminToken.Expected(http);
        if (expected is null) return Results.Redirect("/_emulator/", preserveMethod: false);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var given = form?["token"].ToString() ?? "";
        if (!AdminToken.Matches(given, expected)) return Asset(http, "login-failed.html", StatusCodes.Status401Unauthorized);
        http.Response.Cookies.Append(AdminToken.CookieName, AdminToken.CookieValue(expected), Cookie(http));
        http.Response.Headers.Location = "/_emulator/";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static IResult LogOut(HttpContext http)
    {
        http.Response.Cookies.Delete(AdminToken.CookieName, Cookie(http));
        http.Response.Headers.Location = "/_emulator/";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static CookieOptions Cookie(HttpContext http) =>
        new() { Path = "/_emulator", HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict, Secure = http.Request.IsHttps, IsEssential = true };

    private static IResult Asset(HttpContext http, string name, int status = StatusCodes.Status200OK)
    {
        var headers = http.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = name.StartsWith("login", StringComparison.Ordinal) ? LoginPolicy : Policy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.CacheControl] = "no-store";
        var (bytes, type) = Assets[name];
        http.Response.StatusCode = status;
        return Results.Bytes(bytes, type);
    }

    /// <summary>An embedded asset; <paramref name="show"/> names an element whose <c>hidden</c> attribute is dropped.</summary>
    private static byte[] Read(string name, string? show = null)
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return show is null
            ? copy.ToArray()
            : System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(copy.ToArray()).Replace(show + " hidden>", show + ">"));
    }
}
