using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>
/// One operation the fuzzer can call: read from the emulator's own endpoint table (the same source as
/// <c>GET /_emulator/routes</c>), with the request and query schemas the emulator embeds for it.
/// <see cref="Vendor"/> is <c>botpress</c>, <c>gitbook</c>, <c>membrane</c> or <c>control</c> (the <c>/_emulator</c> routes).
/// </summary>
public sealed record FuzzOperation(string Vendor, string Method, string Template, string? Id, JsonObject? Request, JsonObject? Query, bool Bodiless)
{
    public bool IsControl => Vendor == FuzzSurface.Control;

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public IReadOnlyList<string> Parameters => [.. System.Text.RegularExpressions.Regex.Matches(Template, @"\{\*?([A-Za-z0-9_]+)\??\}").Select(m => m.Groups[1].Value)];

    public override string ToString() => $"{Method} {Template}";
}

public static class FuzzSurface
{
    public const string Control = "control";

    public static readonly string[] Vendors = ["botpress", "gitbook", "membrane"];

    /// <summary>Every vendor and control-plane operation this emulator serves, ordered for determinism.</summary>
    public static IReadOnlyList<FuzzOperation> Of(IntegrationsEmulator emulator)
    {
        var operations = new List<FuzzOperation>();
        foreach (var endpoint in emulator.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = Text(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET"];
            if (endpoint.Metadata.GetMetadata<VendorOperation>() is { } op)
            {
                foreach (var method in methods)
                    operations.Add(new FuzzOperation(op.Vendor, method, template, op.Id,
                        op.Bodiless ? null : Schema(op.Vendor, op.Request, "request"), Schema(op.Vendor, op.Query, "query"), op.Bodiless));
            }
            else if (template.StartsWith("/_emulator", StringComparison.Ordinal))
            {
                foreach (var method in methods)
                    operations.Add(new FuzzOperation(Control, method, template,
                        endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, null, null, false));
            }
        }
        return [.. operations.Where(o => o.Method != "OPTIONS" && o.Method != "HEAD")
            .DistinctBy(o => (o.Method, o.Template))
            .OrderBy(o => o.Vendor, StringComparer.Ordinal).ThenBy(o => o.Template, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];
    }

    /// <summary>An embedded schema (<c>schemas/{vendor}/{name}.{part}.json</c>), or null.</summary>
    public static JsonObject? Schema(string vendor, string name, string part)
    {
        using var stream = typeof(SchemaRegistry).Assembly.GetManifestResourceStream($"schemas/{vendor}/{name}.{part}.json");
        return stream is null ? null : JsonNode.Parse(stream) as JsonObject;
    }

    private static string Text(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + (parameter.IsCatchAll ? "*" : "") + parameter.Name + "}",
            _ => "",
        }))));
}
