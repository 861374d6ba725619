using System.Text;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The shapes of the credentials the vendors issue (personal tokens, minted API keys, installation tokens), gathered
/// from the vendor modules: a value starting with one is a credential wherever the journal finds it.
/// </summary>
internal sealed class CredentialPrefixes(IEnumerable<string> prefixes)
{
    private readonly string[] _prefixes = [.. prefixes.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];
    private byte[][]? _quoted;

    private byte[][] Quoted => _quoted ??= [.. _prefixes.Select(p => Encoding.UTF8.GetBytes("\"" + p))];

    public IReadOnlyList<string> All => _prefixes;

    /// <summary>Does the value start with a credential prefix?</summary>
    public bool Starts(ReadOnlySpan<char> value)
    {
        foreach (var prefix in _prefixes)
            if (value.StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <inheritdoc cref="Starts(ReadOnlySpan{char})"/>
    public bool Starts(ReadOnlySpan<byte> value)
    {
        foreach (var prefix in Quoted)
            if (value.StartsWith(prefix.AsSpan(1))) return true;
        return false;
    }

    /// <summary>Does a JSON text hold a string that starts with a credential prefix (found without parsing)?</summary>
    public bool QuotedIn(ReadOnlySpan<byte> json)
    {
        foreach (var prefix in Quoted)
            if (json.IndexOf(prefix) >= 0) return true;
        return false;
    }
}
