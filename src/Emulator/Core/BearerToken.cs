using System.Text.RegularExpressions;

namespace IntegrationsApiEmulator.Core;

/// <summary>The credential of an <c>Authorization: Bearer &lt;token&gt;</c> header, as every vendor sends it.</summary>
internal static partial class BearerToken
{
    /// <summary>
    /// The token, or null when the header is missing (<paramref name="missing"/> true) or is not
    /// <c>Bearer</c> followed by 1 to 8192 printable ASCII characters without spaces.
    /// </summary>
    public static string? From(string header, out bool missing)
    {
        missing = header.Length == 0;
        var match = Pattern().Match(header);
        return match.Success ? match.Groups["token"].Value : null;
    }

    [GeneratedRegex(@"^[Bb]earer (?<token>[\x21-\x7E]{1,8192})$")]
    private static partial Regex Pattern();
}
