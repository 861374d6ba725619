using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Opaque pagination tokens: the position of the last item served, bound to the list it came from
/// (vendor, tenant, operation, filters) by an HMAC. A forged, altered or foreign token does not verify.
/// Tokens issued and verified are remembered (up to <see cref="MaxRemembered"/> of each): clients walk the same pages
/// again and again, and the HMAC is most of what a list page costs besides its bytes.
/// </summary>
internal sealed class PageTokens
{
    private const int KeyBytes = 32;
    private const int MaxRemembered = 4096;

    // Replaced whole by ImportKey (a state snapshot), with what was signed and checked with the old key, so a token
    // being issued or checked sees one key or the other.
    private volatile Signer _signer = new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The signing key, for state snapshots: page tokens handed out before a restart stay valid after it.</summary>
    public string ExportKey() => Base64Url(_signer.Key);

    /// <summary>Parses a key written by <see cref="ExportKey"/>; null when it is not one.</summary>
    public static byte[]? ParseKey(string text) => TryFromBase64Url(text, out var key) && key.Length == KeyBytes ? key : null;

    public void ImportKey(byte[] key) => _signer = key.Length == KeyBytes ? new Signer([.. key]) : throw new ArgumentException($"A page token key has {KeyBytes} bytes.", nameof(key));

    public string Protect(string scope, string position)
    {
        var signer = _signer;
        if (signer.Issued.TryGetValue((scope, position), out var issued)) return issued;
        var payload = Encoding.UTF8.GetBytes(position);
        var token = Base64Url(payload) + "." + Base64Url(Sign(signer.Key, scope, payload));
        Remember(signer.Issued, (scope, position), token);
        return token;
    }

    public bool TryUnprotect(string scope, string token, out string position)
    {
        var signer = _signer;
        if (signer.Verified.TryGetValue((scope, token), out position!)) return true;
        position = "";
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) return false;
        if (!TryFromBase64Url(token[..dot], out var payload) || !TryFromBase64Url(token[(dot + 1)..], out var mac)) return false;
        if (!CryptographicOperations.FixedTimeEquals(mac, Sign(signer.Key, scope, payload))) return false;
        position = Encoding.UTF8.GetString(payload);
        Remember(signer.Verified, (scope, token), position);
        return true;
    }

    private static void Remember(ConcurrentDictionary<(string, string), string> memory, (string, string) key, string value)
    {
        if (memory.Count >= MaxRemembered) memory.Clear();
        memory[key] = value;
    }

    /// <summary>A signing key and what it signed (scope and position → token) and verified (scope and token → position).</summary>
    private sealed record Signer(byte[] Key)
    {
        public ConcurrentDictionary<(string, string), string> Issued { get; } = new();

        public ConcurrentDictionary<(string, string), string> Verified { get; } = new();
    }

    private static byte[] Sign(byte[] key, string scope, byte[] payload)
    {
        // One-shot HMAC over "scope\npayload" (no HMAC object per call: this runs on every list page).
        var data = new byte[Encoding.UTF8.GetByteCount(scope) + 1 + payload.Length];
        var written = Encoding.UTF8.GetBytes(scope, data);
        data[written] = (byte)'\n';
        payload.CopyTo(data, written + 1);
        return HMACSHA256.HashData(key, data)[..16];
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
