using System.Security.Cryptography;
using System.Text;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>--admin-token T</c>: every <c>/_emulator</c> route but health then requires <c>Authorization: Bearer T</c>
/// (401 otherwise), so a shared emulator cannot be reset or faulted by whoever reaches its port.
/// </summary>
internal static class AdminToken
{
    public static async ValueTask<object?> Check(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = context.HttpContext.RequestServices.GetRequiredService<EmulatorOptions>().AdminToken;
        if (expected is not null)
        {
            var given = BearerToken.From(context.HttpContext.Request.Headers.Authorization.ToString(), out _);
            if (given is null || !Matches(given, expected))
                throw ControlPlaneErrors.Unauthorized("This control plane requires 'Authorization: Bearer <admin token>' (--admin-token)");
        }
        return await next(context);
    }

    /// <summary>
    /// Constant-time comparison of the token given with the admin token. Both are hashed first (SHA-256), so the time
    /// taken tells neither how many leading bytes matched nor the admin token's length.
    /// </summary>
    public static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
