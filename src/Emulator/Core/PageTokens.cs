using System.Security.Cryptography;
using System.Text;

namespace Emulator.Core;

/// <summary>
/// Opaque pagination tokens: the position of the last item served, bound to the list it came from
/// (vendor, tenant, operation, filters) by an HMAC. A forged, altered or foreign token does not verify.
/// </summary>
public sealed class PageTokens
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Protect(string scope, string position)
    {
        var payload = Encoding.UTF8.GetBytes(position);
        return Base64Url(payload) + "." + Base64Url(Sign(scope, payload));
    }

    public bool TryUnprotect(string scope, string token, out string position)
    {
        position = "";
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) return false;
        if (!TryFromBase64Url(token[..dot], out var payload) || !TryFromBase64Url(token[(dot + 1)..], out var mac)) return false;
        if (!CryptographicOperations.FixedTimeEquals(mac, Sign(scope, payload))) return false;
        position = Encoding.UTF8.GetString(payload);
        return true;
    }

    private byte[] Sign(string scope, byte[] payload)
    {
        // One-shot HMAC over "scope\npayload" (no HMAC object per call: this runs on every list page).
        var data = new byte[Encoding.UTF8.GetByteCount(scope) + 1 + payload.Length];
        var written = Encoding.UTF8.GetBytes(scope, data);
        data[written] = (byte)'\n';
        payload.CopyTo(data, written + 1);
        return HMACSHA256.HashData(_key, data)[..16];
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written == 0)
        {
            bytes = [];
            return false;
        }
        bytes = buffer[..written];
        return true;
    }
}
