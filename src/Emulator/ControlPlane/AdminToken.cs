using System.Security.Cryptography;
using System.Text;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>--admin-token T</c>: every <c>/_emulator</c> route but health then requires <c>Authorization: Bearer T</c>
/// (401 otherwise), so a shared emulator cannot be reset or faulted by whoever reaches its port. A browser proves it
/// once on the dashboard's login form and then carries <see cref="CookieName"/> (HttpOnly, SameSite=Strict, path
/// <c>/_emulator</c>), which every control route accepts as well; the cookie holds a MAC of the token, never the token.
/// </summary>
internal static class AdminToken
{
    public const string CookieName = "emulator_admin";

    public static async ValueTask<object?> Check(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!IsAdmitted(context.HttpContext))
            throw ControlPlaneErrors.Unauthorized("This control plane requires 'Authorization: Bearer <admin token>' (--admin-token), or the dashboard's login at /_emulator/");
        return await next(context);
    }

    /// <summary>True without an admin token, or when the request carries it (header) or the dashboard cookie made from it.</summary>
    public static bool IsAdmitted(HttpContext http)
    {
        if (Expected(http) is not { } expected) return true;
        var given = BearerToken.From(http.Request.Headers.Authorization.ToString(), out _);
        if (given is not null && Matches(given, expected)) return true;
        return http.Request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie, CookieValue(expected));
    }

    public static string? Expected(HttpContext http) => http.RequestServices.GetRequiredService<EmulatorOptions>().AdminToken;

    /// <summary>The dashboard cookie's value for an admin token: HMAC-SHA256 of a fixed label keyed by the token (base64url).</summary>
    public static string CookieValue(string adminToken) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminToken), "integrations-api-emulator dashboard"u8))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Constant-time comparison of the token given with the admin token. Both are hashed first (SHA-256), so the time
    /// taken tells neither how many leading bytes matched nor the admin token's length.
    /// </summary>
    public static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
