using WireMock;
using WireMock.Matchers;
using WireMock.Matchers.Request;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// What can be known about a mapping before a request is shown to it, read from its own WireMock matchers: the
/// literal starts of the paths it accepts (a <c>WildcardMatcher</c>'s text before its first <c>*</c> or <c>?</c>, an
/// <c>ExactMatcher</c>'s whole text), and whether it needs the request body. <see cref="Admits"/> is a necessary
/// condition only — WireMock's matchers decide — so requests for other paths pass by without the cost of building a
/// WireMock request message.
/// </summary>
internal sealed class OverrideScreen
{
    private static readonly OverrideScreen Open = new(null, needsBody: true, matchers: 0);

    private readonly string[]? _prefixes;

    private OverrideScreen(string[]? prefixes, bool needsBody, int matchers)
    {
        _prefixes = prefixes;
        NeedsBody = needsBody;
        Matchers = matchers;
    }

    /// <summary>True when a matcher or a response callback may read the request body.</summary>
    public bool NeedsBody { get; }

    /// <summary>How many request matchers the mapping has: between equal priorities, WireMock prefers the mapping with more.</summary>
    public int Matchers { get; }

    public static OverrideScreen Of(IMapping mapping)
    {
        if (mapping.RequestMatcher is not Request request) return Open;
        var matchers = request.GetRequestMessageMatchers<IRequestMatcher>();
        var needsBody = matchers.Any(m => m is RequestMessageBodyMatcher or RequestMessageMultiPartMatcher)
            || mapping.Provider is Response { WithCallbackUsed: true } or Response { UseTransformer: true };
        var paths = matchers.OfType<RequestMessagePathMatcher>().FirstOrDefault();
        return new OverrideScreen(paths is null ? null : Prefixes(paths), needsBody, matchers.Count);
    }

    /// <summary>False when the mapping cannot match <paramref name="path"/> (the full request path, as WireMock sees it).</summary>
    public bool Admits(string path)
    {
        if (_prefixes is null) return true;
        // WireMock matches the URL-decoded path ('+' read as a space): a path that decodes differently is always shown.
        if (path.AsSpan().IndexOfAny('%', '+') >= 0) return true;
        foreach (var prefix in _prefixes)
            if (path.StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>True when some path under one of <paramref name="vendors"/>' prefixes (<c>/gitbook/...</c>) may match.</summary>
    public bool CanMatchVendorPath(IEnumerable<string> vendors) =>
        _prefixes is null || _prefixes.Any(prefix => vendors.Any(vendor =>
        {
            var root = "/" + vendor;
            return prefix == root || (root + "/").StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(root + "/", StringComparison.Ordinal);
        }));

    /// <summary>The literal starts of the accepted paths, or null when they cannot be told (regex, ignore-case, rejecting, functions).</summary>
    private static string[]? Prefixes(RequestMessagePathMatcher paths)
    {
        if (paths.Matchers is not { Count: > 0 } matchers || paths.Behaviour != MatchBehaviour.AcceptOnMatch) return null;
        if (matchers.Count > 1 && paths.MatchOperator != MatchOperator.Or) return null;
        var prefixes = new List<string>();
        foreach (var matcher in matchers)
        {
            var wildcard = matcher is WildcardMatcher;
            if (!(wildcard || matcher is ExactMatcher) || matcher.MatchBehaviour != MatchBehaviour.AcceptOnMatch || ((IIgnoreCaseMatcher)matcher).IgnoreCase)
                return null;
            var patterns = matcher.GetPatterns();
            if (patterns.Length > 1 && matcher.MatchOperator != MatchOperator.Or) return null;
            foreach (var pattern in patterns)
            {
                if (pattern.IsSecond && pattern.Second.PatternAsFile is not null) return null;
                var text = pattern.IsFirst ? pattern.First : pattern.Second.Pattern;
                var end = wildcard ? text.AsSpan().IndexOfAny('*', '?') : -1;
                var prefix = end < 0 ? text : text[..end];
                if (prefix.AsSpan().IndexOfAny('%', '+', ' ') >= 0) return null;
                prefixes.Add(prefix);
            }
        }
        return [.. prefixes];
    }
}
