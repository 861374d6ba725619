using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The <c>{name}/{version}</c> lookups (getIntegrationByName, getPublicIntegration): an exact version, a
/// semver range (npm syntax: <c>^1.2.0</c>, <c>1.x</c>, <c>&gt;=1 &lt;2</c>) or <c>latest</c>, resolved to the
/// highest matching version by semver precedence (so 0.10.0 beats 0.2.0).
/// </summary>
internal static class VersionSelector
{
    public static IntegrationVersion Resolve(IEnumerable<IntegrationVersion> candidates, string rawName, string rawVersion, BotpressErrors errors)
    {
        // The client encodes '/' in handle-prefixed names as %2F inside one path segment.
        var name = Uri.UnescapeDataString(rawName);
        var version = Uri.UnescapeDataString(rawVersion);
        Func<SemVersion, bool> matches;
        if (version == "latest") matches = _ => true;
        else if (SemVersion.TryParse(version, SemVersionStyles.Strict, out var exact)) matches = v => v.ComparePrecedenceTo(exact) == 0;
        else if (SemVersionRange.TryParseNpm(version, out var range)) matches = range.Contains;
        else throw errors.InvalidPayload($"version: \"{version}\" is neither a semver version, a semver range nor \"latest\"");

        return candidates.Where(i => i.Name == name && matches(i.Version)).MaxBy(i => i.Version, SemVersion.PrecedenceComparer)
            ?? throw errors.ResourceNotFound($"Integration \"{name}\" has no version matching \"{version}\"");
    }
}
