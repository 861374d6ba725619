using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The domain rules of createIntegration and updateIntegration, as pure planning: each returns the
/// version as it would be after the call, or throws the error the call would raise. The write handlers
/// commit the plan; the validate handlers (validateIntegrationCreation/Update) discard it, so they never
/// change state.
/// </summary>
internal static partial class IntegrationRules
{
    public const int MaxUrlLength = 2000;

    /// <summary>The version after the call, the icon to store for its name, and log lines about what was not kept.</summary>
    public sealed record Plan(IntegrationVersion Integration, string? Icon, IReadOnlyList<string> Notes);

    public static Plan PlanCreate(RuleContext caller, JsonObject body)
    {
        var errors = caller.Errors;
        var name = (string)body["name"]!;
        if (!NamePattern().IsMatch(name))
            throw errors.InvalidPayload($"name: \"{name}\" {NameProblem(name)}");
        var versionText = (string)body["version"]!;
        if (!SemVersion.TryParse(versionText, SemVersionStyles.Strict, out var version))
            throw errors.InvalidPayload($"version: \"{versionText}\" is not a semantic version (e.g. \"1.2.0\")");
        var dev = body["dev"]?.GetValue<bool>() ?? false;
        var visibility = VisibilityOf(body, errors) ?? Visibilities.Private;
        if (dev && visibility != Visibilities.Private)
            throw errors.InvalidPayload($"visibility: a dev integration runs on your machine and must stay private, not {visibility}");
        // Name and version identify a production version. Dev versions (one per `bp dev` session, so one per
        // developer of the workspace) live beside them: any number of them, under any name and version.
        if (!dev && caller.Workspace.VersionsOf(name).Any(i => !i.Dev && i.Version.Equals(version)))
            throw errors.AlreadyExists($"Integration \"{name}\" version \"{version}\" already exists in workspace \"{caller.WorkspaceId}\"");

        var now = caller.Now;
        var integration = new IntegrationVersion
        {
            Id = caller.NewId("intver_"),
            WorkspaceId = caller.WorkspaceId,
            Name = name,
            Version = version,
            Seq = caller.State.LastSeq + 1,
            CreatedAt = now,
            UpdatedAt = now,
            Dev = dev,
            Title = (string?)body["title"] ?? DefaultTitle(name),
            Description = (string?)body["description"] ?? "",
            Url = (string?)body["url"] ?? "",
            Visibility = visibility,
            Definition = IntegrationDefinition.FromCreateBody(body, caller.State, errors),
        };
        var notes = ApplyCommon(integration, body, errors);
        // Botpress issues a signing secret with every new version (the client shows it once, at creation).
        integration.SigningSecrets.Add(NewSigningSecret());
        return new Plan(integration, Icon(integration, body, errors, notes), notes);
    }

    /// <summary>A fresh webhook signing secret.</summary>
    public static string NewSigningSecret() =>
        "bpss_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public static Plan PlanUpdate(RuleContext caller, IntegrationVersion current, JsonObject body)
    {
        var errors = caller.Errors;
        // Botpress: a public version is immutable; changes ship as a new version.
        if (current.Visibility == Visibilities.Public && !current.Dev)
            throw errors.Forbidden($"Integration \"{current.Name}\" version \"{current.Version}\" is public and can no longer be updated; create a new version instead");
        var updated = current.Clone();
        if (VisibilityOf(body, errors) is { } visibility)
        {
            if (current.Dev && visibility != Visibilities.Private)
                throw errors.InvalidPayload($"visibility: a dev integration must stay private, not {visibility}");
            updated.Visibility = visibility;
        }
        if (body["title"] is { } title) updated.Title = (string)title!;
        if (body["description"] is { } description) updated.Description = (string)description!;
        if (body.TryGetPropertyValue("url", out var url)) updated.Url = (string?)url ?? "";
        updated.Definition = IntegrationDefinition.Merge(current.Definition, body, caller.State, errors);
        updated.UpdatedAt = caller.Now;
        var notes = ApplyCommon(updated, body, errors);
        return new Plan(updated, Icon(updated, body, errors, notes), notes);
    }

    /// <summary>Makes a plan real: stores the version, its name's icon, and a log line.</summary>
    public static void Commit(RuleContext caller, Plan plan, bool created)
    {
        var state = caller.State;
        var integration = plan.Integration;
        if (created) state.Add(integration);
        else state.Replace(integration);
        if (plan.Icon is not null) caller.Workspace.SetIcon(integration.Name, plan.Icon);
        state.Log(integration.Id, new LogLine(caller.Now, "info",
            $"Integration {integration.Name}@{integration.Version} {(created ? "created" : "updated")}"));
        foreach (var note in plan.Notes) state.Log(integration.Id, new LogLine(caller.Now, "warn", note));
    }

    /// <summary>Fields create and update share: secrets, readme, code, sdkVersion, layers, extraOperations.</summary>
    private static List<string> ApplyCommon(IntegrationVersion integration, JsonObject body, BotpressErrors errors)
    {
        var notes = new List<string>();
        // The request schemas leave url unbounded, but an Integration holds at most 2000 characters.
        if (integration.Url.Length > MaxUrlLength)
            throw errors.InvalidPayload($"url: must be at most {MaxUrlLength} characters");
        if (body["secrets"] is JsonObject secrets)
        {
            foreach (var (secretName, value) in secrets)
            {
                if (!SecretNamePattern().IsMatch(secretName))
                    throw errors.InvalidPayload($"secrets.{secretName}: secret names are SCREAMING_SNAKE_CASE (e.g. API_TOKEN)");
                if (value is null) integration.Secrets.Remove(secretName);
                else integration.Secrets[secretName] = (string)value!;
            }
        }
        if (body["readme"] is { } readme && MediaText(integration, "readme", (string)readme!, errors, notes) is { } markdown)
            integration.Readme = markdown;
        if (body["code"] is { } code) integration.Code = (string)code!;
        if (body["sdkVersion"] is { } sdkVersion) integration.SdkVersion = (string)sdkVersion!;
        foreach (var key in (string[])["layers", "extraOperations"])
            if (body[key] is { } value) integration.Extras[key] = value.DeepClone();
        return notes;
    }

    /// <summary>
    /// The decoded text of a readme or icon, or null when a dev version gets one that is not base64. `bp dev`
    /// (@botpress/cli 0.8.x) sends the definition's file names ("hub.md", "icon.svg") where `bp deploy` sends the
    /// files' base64 content; the platform serves dev versions to their developer only and never shows their
    /// readme or icon on the hub, so it takes them. Here a dev version keeps what decodes and notes the rest in its
    /// logs; a production version must send base64 (400 otherwise).
    /// </summary>
    private static string? MediaText(IntegrationVersion integration, string field, string value, BotpressErrors errors, List<string> notes)
    {
        if (TryBase64Text(value, out var text)) return text;
        if (!integration.Dev) throw errors.InvalidDataFormat($"{field}: must be base64-encoded");
        notes.Add($"{field}: \"{Shorten(value)}\" is not base64-encoded content; kept out of this dev version (bp dev sends the file name)");
        return null;
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    /// <summary>The visibility a body asks for, keeping the deprecated <c>public</c> flag consistent with it.</summary>
    private static string? VisibilityOf(JsonObject body, BotpressErrors errors)
    {
        var visibility = (string?)body["visibility"];
        var isPublic = body["public"]?.GetValue<bool>();
        if (visibility is not null && isPublic is { } flag && flag != (visibility == Visibilities.Public))
            throw errors.InvalidPayload($"public: the deprecated flag says {(flag ? "true" : "false")} but visibility is \"{visibility}\"; send visibility only");
        return visibility ?? (isPublic is null ? null : isPublic.Value ? Visibilities.Public : Visibilities.Private);
    }

    /// <summary>
    /// The SVG to store as the icon of the version's name. Botpress keeps one icon per name, shared by its versions:
    /// a dev version never replaces the icon its production versions show, so its icon is only checked.
    /// </summary>
    private static string? Icon(IntegrationVersion integration, JsonObject body, BotpressErrors errors, List<string> notes)
    {
        if (body["icon"] is not { } icon) return null;
        if (integration.Dev)
        {
            if (MediaText(integration, "icon", (string)icon!, errors, notes) is not null)
                notes.Add("icon: a dev version does not change the icon of the integration's name");
            return null;
        }
        var svg = MediaText(integration, "icon", (string)icon!, errors, notes)!;
        if (!svg.Contains("<svg", StringComparison.OrdinalIgnoreCase))
            throw errors.InvalidDataFormat("icon: must be a base64-encoded SVG image");
        return svg;
    }

    private static bool TryBase64Text(string base64, out string text)
    {
        var buffer = new byte[base64.Length];
        var ok = Convert.TryFromBase64String(base64, buffer, out var written);
        text = ok ? Encoding.UTF8.GetString(buffer, 0, written) : "";
        return ok;
    }

    private static string DefaultTitle(string name)
    {
        var bare = name[(name.IndexOf('/') + 1)..];
        var title = string.Join(' ', bare.Split('-', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return title.Length is > 0 and <= 64 ? title : bare[..Math.Min(64, bare.Length)];
    }

    /// <summary>
    /// The rule of <see cref="NamePattern"/> that <paramref name="name"/> breaks, stated for that name: an optional workspace
    /// handle of 1 to 100 characters and '/', then the name proper of 2 to 100 characters; each starts with a lowercase
    /// letter and holds only lowercase letters, digits, '-' and '_'.
    /// </summary>
    internal static string NameProblem(string name)
    {
        var slash = name.IndexOf('/');
        if (slash >= 0 && name.IndexOf('/', slash + 1) >= 0)
            return "holds more than one '/': a name is \"name\" or \"handle/name\"";
        if (slash >= 0 && PartProblem(name[..slash], "the workspace handle before '/'", 1) is { } handle) return handle;
        return PartProblem(slash >= 0 ? name[(slash + 1)..] : name, slash >= 0 ? "the name after '/'" : "the name", 2)
            ?? "must be lowercase letters, digits, '-' or '_', starting with a letter, optionally prefixed by a workspace handle and '/'";
    }

    private static string? PartProblem(string part, string what, int minLength)
    {
        if (part.Length < minLength || part.Length > 100)
            return $"is {part.Length} character{(part.Length == 1 ? "" : "s")} long: {what} must be {minLength} to 100 characters";
        if (part[0] is not (>= 'a' and <= 'z'))
            return $"must start with a lowercase letter ({what} starts with '{part[0]}')";
        var bad = part.FirstOrDefault(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'));
        return bad == default ? null : $"holds '{bad}': {what} may hold only lowercase letters, digits, '-' and '_'";
    }

    [GeneratedRegex(@"^([a-z][a-z0-9_-]{0,99}/)?[a-z][a-z0-9_-]{1,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*$")]
    private static partial Regex SecretNamePattern();
}
