using System.Security.Cryptography;
using System.Text;

namespace Emulator.Core;

/// <summary>
/// Opaque pagination tokens: the position of the last item served, bound to the list it came from
/// (vendor, tenant, operation, filters) by an HMAC. A forged, altered or foreign token does not verify.
/// </summary>
public sealed class PageTokens
{
    private const int KeyBytes = 32;

    // Replaced whole by ImportKey (a state snapshot), so a token being checked sees one key or the other.
    private volatile byte[] _key = RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>The signing key, for state snapshots: page tokens handed out before a restart stay valid after it.</summary>
    public string ExportKey() => Base64Url(_key);

    /// <summary>Parses a key written by <see cref="ExportKey"/>; null when it is not one.</summary>
    public static byte[]? ParseKey(string text) => TryFromBase64Url(text, out var key) && key.Length == KeyBytes ? key : null;

    public void ImportKey(byte[] key) => _key = key.Length == KeyBytes ? [.. key] : throw new ArgumentException($"A page token key has {KeyBytes} bytes.", nameof(key));

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
