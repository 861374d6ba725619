using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The interface catalogue (<see cref="BotpressState.Interfaces"/>, the same for every tenant, every entry public), read only:
/// <c>/v1/admin/interfaces...</c> in a workspace and <c>/v1/admin/hub/interfaces...</c> on the hub answer the same entries.
/// <c>bp deploy</c> looks up the interfaces an integration implements (getInterface, getInterfaceByName).
/// </summary>
internal static class InterfaceEndpoints
{
    public const int PageSize = 20;

    /// <summary>The catalogue's entries all date from before the seeded data.</summary>
    private static readonly DateTimeOffset Published = Seeding.BotpressSeeder.Reference.AddYears(-2);

    public static void Map(RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/interfaces").WithTags("botpress interfaces");
        group.MapGet("", ListInterfaces).WithName("botpress.listInterfaces");
        group.MapGet("/{id}", GetInterface).WithName("botpress.getInterface");
        group.MapGet("/{name}/{version}", GetInterfaceByName).WithName("botpress.getInterfaceByName");
        var hub = admin.MapGroup("/hub/interfaces").WithTags("botpress hub");
        hub.MapGet("", ListPublicInterfaces).WithName("botpress.listPublicInterfaces");
        hub.MapGet("/{id}", GetPublicInterfaceById).WithName("botpress.getPublicInterfaceById");
        hub.MapGet("/{name}/{version}", GetPublicInterface).WithName("botpress.getPublicInterface");
    }

    private static IResult ListInterfaces(WorkspaceCaller caller) => List(caller);

    private static IResult ListPublicInterfaces(BotpressCaller caller) => List(caller);

    private static IResult GetInterface(WorkspaceCaller caller, string id) => ById(caller, id);

    private static IResult GetPublicInterfaceById(BotpressCaller caller, string id) => ById(caller, id);

    private static IResult GetInterfaceByName(WorkspaceCaller caller, string name, string version) => ByName(caller, name, version);

    private static IResult GetPublicInterface(BotpressCaller caller, string name, string version) => ByName(caller, name, version);

    /// <summary>A list of interfaces: by name then version precedence; <c>name</c> and <c>version</c> (exact) filter.</summary>
    private static IResult List(BotpressCaller caller)
    {
        var query = caller.Query();
        var name = (string?)query["name"];
        var version = (string?)query["version"];
        static string Key(InterfaceDefinition i) => i.Name + "\u0001" + SortableVersion(i.Version) + "\u0001" + i.Id;
        var ordered = caller.State.Interfaces.Values
            .Where(i => (name is null || i.Name == name) && (version is null || i.Version == version))
            .OrderBy(Key, StringComparer.Ordinal).ToList();
        return caller.OkPage("interfaces", ordered, Key, PageSize, $"{name}|{version}", i => Summary(i));
    }

    private static IResult ById(BotpressCaller caller, string id) =>
        caller.State.Interfaces.TryGetValue(id, out var found)
            ? caller.Ok(new { @interface = Full(found) })
            : throw caller.Errors.ResourceNotFound($"Interface \"{id}\" not found");

    /// <summary>An interface by name and an exact version or <c>latest</c> (the highest by semver precedence).</summary>
    private static IResult ByName(BotpressCaller caller, string name, string version)
    {
        name = Uri.UnescapeDataString(name);
        version = Uri.UnescapeDataString(version);
        var versions = caller.State.Interfaces.Values.Where(i => i.Name == name);
        var found = version == "latest"
            ? versions.MaxBy(i => SemVersion.Parse(i.Version, SemVersionStyles.Strict), SemVersion.PrecedenceComparer)
            : versions.FirstOrDefault(i => i.Version == version);
        return found is not null
            ? caller.Ok(new { @interface = Full(found) })
            : throw caller.Errors.ResourceNotFound($"Interface \"{name}\" has no version \"{version}\"");
    }

    private static JsonObject Summary(InterfaceDefinition i) => new()
    {
        ["id"] = i.Id,
        ["createdAt"] = BotpressViews.Iso(Published),
        ["updatedAt"] = BotpressViews.Iso(Published),
        ["name"] = i.Name,
        ["version"] = i.Version,
        ["title"] = Title(i.Name),
        ["description"] = $"The {i.Name} interface",
        ["iconUrl"] = "",
        ["readmeUrl"] = "",
        ["public"] = true,
    };

    /// <summary>The full <c>Interface</c>: the catalogue names its entities, actions, events and channels; their schemas are open objects.</summary>
    public static JsonObject Full(InterfaceDefinition i)
    {
        var json = Summary(i);
        json["entities"] = Named(i.Entities, n => new JsonObject { ["title"] = Title(n), ["schema"] = OpenSchema() });
        json["events"] = Named(i.Events, n => new JsonObject { ["title"] = Title(n), ["schema"] = OpenSchema() });
        json["actions"] = Named(i.Actions, n => new JsonObject
        {
            ["title"] = Title(n),
            ["input"] = new JsonObject { ["schema"] = OpenSchema() },
            ["output"] = new JsonObject { ["schema"] = OpenSchema() },
        });
        json["channels"] = Named(i.Channels, n => new JsonObject
        {
            ["title"] = Title(n),
            ["messages"] = new JsonObject { ["text"] = new JsonObject { ["schema"] = OpenSchema() } },
        });
        return json;
    }

    private static JsonObject Named(string[] names, Func<string, JsonObject> make) =>
        new([.. names.Select(n => KeyValuePair.Create(n, (JsonNode?)make(n)))]);

    private static JsonObject OpenSchema() => new() { ["type"] = "object", ["additionalProperties"] = true };

    private static string Title(string name)
    {
        var words = name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        var title = string.Join(' ', words);
        return title.Length > 64 ? title[..64] : title;
    }

    private static string SortableVersion(string version) =>
        SemVersion.TryParse(version, SemVersionStyles.Strict, out var v)
            ? $"{v.Major:D10}.{v.Minor:D10}.{v.Patch:D10}"
            : version;
}
