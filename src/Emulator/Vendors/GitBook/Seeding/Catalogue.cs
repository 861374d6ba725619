using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Vendors.GitBook.Seeding;

/// <summary>The seeded integrations, written as the publishIntegration bodies that would publish them.</summary>
internal static class Catalogue
{
    /// <summary>How many marketplace integrations (of <c>gitbook</c>) the default template has.</summary>
    public const int MarketplaceCount = 10;

    /// <summary>
    /// <paramref name="marketplaceCount"/> marketplace integrations — the well-known ones first, then numbered variants
    /// of them (<c>slack-2</c>, "Slack 2") — followed by the default organization's private and unlisted ones.
    /// </summary>
    public static IEnumerable<(string Name, JsonObject Body)> Integrations(int marketplaceCount)
    {
        var marketplace = Marketplace().ToList();
        for (var i = 0; i < marketplaceCount; i++)
        {
            var (name, body) = marketplace[i % marketplace.Count];
            if (i < marketplace.Count)
            {
                yield return (name, body);
                continue;
            }
            var variant = (JsonObject)body.DeepClone();
            var n = i / marketplace.Count + 1;
            variant["title"] = $"{(string)body["title"]!} {n}";
            yield return ($"{name}-{n}", variant);
        }
        yield return ("emulator-private-tool", Body("Private Tool", "An internal integration of the emulator org", ["other"], "all", ["space:metadata:read"], visibility: "private"));
        yield return ("emulator-beta-widget", Body("Beta Widget", "Unlisted: installable by name, not in the marketplace", ["content"], "space", ["space:content:read"],
            visibility: "unlisted", blocks: [Block("beta-widget", "Beta widget")]));
    }

    private static IEnumerable<(string Name, JsonObject Body)> Marketplace()
    {
        yield return ("slack", Body("Slack", "Notify Slack channels about changes in your docs", ["collaboration"], "all", ["space:content:read", "space:metadata:read"],
            configurations: Account(("channel", "string", "Default channel")), required: ["channel"]));
        yield return ("github-files", Body("GitHub Files", "Embed files and code snippets from GitHub", ["content"], "space", ["space:content:read"],
            blocks: [Block("github-code-block", "GitHub code block", "https://github.com/**")]));
        yield return ("figma", Body("Figma", "Embed Figma designs in your pages", ["content", "collaboration"], "space", ["space:content:read"],
            blocks: [Block("figma-embed", "Figma frame", "https://www.figma.com/file/**", "https://www.figma.com/design/**")],
            configurations: Account(("oauth_token", "string", "Figma access")), required: ["oauth_token"]));
        yield return ("mermaid", Body("Mermaid", "Diagrams and charts from text, rendered in your docs", ["content"], "space", ["space:content:read"],
            blocks: [MarkdownBlock("mermaid-diagram", "Mermaid diagram", "mermaid")]));
        yield return ("jira", Body("Jira", "Preview Jira issues linked from your docs", ["collaboration"], "all", ["space:content:read"],
            blocks: [Block("jira-issue", "Jira issue", "https://*.atlassian.net/browse/**")]));
        yield return ("linear", Body("Linear", "Sync Linear issues into a space", ["collaboration", "content"], "space", ["space:content:read", "space:content:write"],
            contentSources: [ContentSource("issues", "Linear issues")]));
        yield return ("google-analytics", Body("Google Analytics", "Measure traffic on your published docs", ["analytics"], "site",
            ["site:script:inject", "site:script:cookies"], site: Account(("tracking_id", "string", "Measurement ID")), siteRequired: ["tracking_id"],
            csp: "script-src https://www.googletagmanager.com"));
        yield return ("segment", Body("Segment", "Send page views of your docs to Segment", ["analytics", "marketing"], "site", ["site:script:inject"]));
        yield return ("intercom", Body("Intercom", "Chat with readers of your docs", ["marketing"], "site", ["site:script:inject", "site:script:cookies"],
            configurations: Account(("app_id", "string", "Intercom app id")), required: ["app_id"]));
        yield return ("auth0", Body("Auth0", "Protect your docs with Auth0 visitor authentication", ["visitor-auth"], "site", ["site:visitor:auth", "site:visitor:claims"]));
    }

    private static JsonObject Body(string title, string description, string[] categories, string target, string[] scopes,
        JsonObject? configurations = null, string[]? required = null, JsonObject? site = null, string[]? siteRequired = null,
        JsonObject[]? blocks = null, JsonObject[]? contentSources = null, string visibility = "public", string? csp = null)
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["description"] = description,
            ["summary"] = $"# {title}\n\n{description}.",
            ["previewImages"] = new JsonArray("aW1hZ2U="),
            ["visibility"] = visibility,
            ["target"] = target,
            ["scopes"] = Strings(scopes),
            ["categories"] = Strings(categories),
            ["externalLinks"] = new JsonArray(new JsonObject { ["url"] = $"https://www.gitbook.com/integrations/{title.ToLowerInvariant().Replace(' ', '-')}", ["label"] = "Documentation" }),
            ["organization"] = "unused",
            ["script"] = "unused",
        };
        var configs = new JsonObject();
        if (configurations is not null)
        {
            if (required is not null) configurations["required"] = Strings(required);
            configs["account"] = configurations;
        }
        if (site is not null)
        {
            if (siteRequired is not null) site["required"] = Strings(siteRequired);
            configs["site"] = site;
        }
        if (configs.Count > 0) body["configurations"] = configs;
        if (blocks is not null) body["blocks"] = new JsonArray([.. blocks]);
        if (contentSources is not null) body["contentSources"] = new JsonArray([.. contentSources]);
        if (csp is not null) body["contentSecurityPolicy"] = csp;
        return body;
    }

    private static JsonObject Account(params (string Name, string Type, string Title)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, type, title) in properties) props[name] = new JsonObject { ["type"] = type, ["title"] = title };
        return new JsonObject { ["properties"] = props };
    }

    private static JsonObject Block(string id, string title, params string[] unfurl)
    {
        var block = new JsonObject { ["id"] = id, ["title"] = title, ["description"] = $"Insert a {title.ToLowerInvariant()}" };
        if (unfurl.Length > 0) block["urlUnfurl"] = Strings(unfurl);
        return block;
    }

    private static JsonObject MarkdownBlock(string id, string title, string codeblock) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["markdown"] = new JsonObject { ["codeblock"] = codeblock, ["body"] = "content" },
    };

    private static JsonObject ContentSource(string id, string title) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["configuration"] = new JsonObject { ["componentId"] = "configure" },
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);
}
