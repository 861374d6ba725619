using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress.Model;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The definition part of an integration (identifier, interfaces, configuration(s), channels, states,
/// events, actions, user, entities, attributes): turning a create/update body into the full shape the
/// Integration schema requires (defaults filled in, interfaces resolved), and applying updates.
/// </summary>
internal static class IntegrationDefinition
{
    /// <summary>Body keys that belong to the definition (the rest are top-level fields).</summary>
    public static readonly string[] Keys =
        ["identifier", "maxExecutionTime", "interfaces", "configuration", "configurations", "channels", "states", "events", "actions", "user", "entities", "attributes"];

    /// <summary>The definition keys of a create body, normalized.</summary>
    public static JsonObject FromCreateBody(JsonObject body, BotpressState state, BotpressErrors errors)
    {
        var raw = new JsonObject();
        foreach (var key in Keys)
            if (body[key] is { } value) raw[key] = value.DeepClone();
        return Normalize(raw, state, errors);
    }

    /// <summary>
    /// An update body merged into a stored definition: maps merge by key, <c>null</c> removes a key, a
    /// <c>schema</c> object is replaced whole, arrays and scalars replace. Returns a new normalized definition.
    /// </summary>
    public static JsonObject Merge(JsonObject stored, JsonObject body, BotpressState state, BotpressErrors errors)
    {
        var merged = (JsonObject)stored.DeepClone();
        foreach (var key in Keys)
            if (body.TryGetPropertyValue(key, out var value)) MergeInto(merged, key, value);
        return Normalize(merged, state, errors);
    }

    private static void MergeInto(JsonObject target, string key, JsonNode? patch)
    {
        if (patch is null)
        {
            target.Remove(key);
            return;
        }
        if (patch is JsonObject patchObject && key != "schema" && target[key] is JsonObject existing)
        {
            foreach (var (childKey, childValue) in patchObject) MergeInto(existing, childKey, childValue);
            return;
        }
        target[key] = patch.DeepClone();
    }

    private static JsonObject Normalize(JsonObject raw, BotpressState state, BotpressErrors errors)
    {
        var definition = new JsonObject
        {
            ["identifier"] = Object(raw["identifier"]),
        };
        if (raw["maxExecutionTime"] is { } maxExecutionTime) definition["maxExecutionTime"] = maxExecutionTime.DeepClone();
        definition["interfaces"] = Map(raw["interfaces"], (name, node) => Interface(name, node, state, errors));
        definition["configuration"] = Configuration(raw["configuration"]);
        definition["configurations"] = Map(raw["configurations"], (_, node) => Configuration(node));
        definition["channels"] = Map(raw["channels"], (_, node) => Channel(node));
        definition["states"] = Map(raw["states"], (_, node) => Object(node));
        definition["events"] = Map(raw["events"], (_, node) => Object(node));
        definition["actions"] = Map(raw["actions"], (_, node) => Object(node));
        definition["user"] = Tagged(raw["user"], withCreation: true);
        definition["entities"] = Map(raw["entities"], (_, node) => Object(node));
        if (raw["attributes"] is JsonObject attributes) definition["attributes"] = Object(attributes);
        return definition;
    }

    private static JsonObject Interface(string key, JsonNode node, BotpressState state, BotpressErrors errors)
    {
        var id = node["id"]?.GetValue<string>() ?? "";
        if (!state.Interfaces.TryGetValue(id, out var known))
            throw errors.ReferenceNotFound($"interfaces.{key}.id: no interface has the id \"{id}\"");
        return new JsonObject
        {
            ["id"] = known.Id,
            ["name"] = known.Name,
            ["version"] = known.Version,
            ["entities"] = Object(node["entities"]),
            ["actions"] = Object(node["actions"]),
            ["events"] = Object(node["events"]),
            ["channels"] = Object(node["channels"]),
        };
    }

    private static JsonObject Configuration(JsonNode? node)
    {
        var source = Object(node);
        var configuration = new JsonObject();
        CopyText(source, configuration);
        var identifier = Object(source["identifier"]);
        identifier["required"] ??= false;
        configuration["identifier"] = identifier;
        configuration["schema"] = source["schema"] is JsonObject schema ? schema.DeepClone() : new JsonObject();
        return configuration;
    }

    private static JsonObject Channel(JsonNode node)
    {
        var source = Object(node);
        var channel = new JsonObject();
        CopyText(source, channel);
        channel["messages"] = Map(source["messages"], (_, message) => Object(message));
        channel["conversation"] = Tagged(source["conversation"], withCreation: true);
        channel["message"] = Tagged(source["message"], withCreation: false);
        return channel;
    }

    /// <summary><c>{tags, creation?}</c> with empty tags and creation disabled by default.</summary>
    private static JsonObject Tagged(JsonNode? node, bool withCreation)
    {
        var source = Object(node);
        var tagged = new JsonObject { ["tags"] = Map(source["tags"], (_, tag) => Object(tag)) };
        if (withCreation)
        {
            var creation = Object(source["creation"]);
            creation["enabled"] ??= false;
            creation["requiredTags"] ??= new JsonArray();
            tagged["creation"] = creation;
        }
        return tagged;
    }

    private static void CopyText(JsonObject from, JsonObject to)
    {
        if (from["title"] is { } title) to["title"] = title.DeepClone();
        if (from["description"] is { } description) to["description"] = description.DeepClone();
    }

    /// <summary>A deep copy of an object without its null-valued keys (null means "remove" in updates).</summary>
    private static JsonObject Object(JsonNode? node)
    {
        var copy = new JsonObject();
        if (node is JsonObject source)
            foreach (var (key, value) in source)
                if (value is not null) copy[key] = value.DeepClone();
        return copy;
    }

    private static JsonObject Map(JsonNode? node, Func<string, JsonNode, JsonObject> item)
    {
        var map = new JsonObject();
        if (node is JsonObject source)
            foreach (var (key, value) in source)
                if (value is not null) map[key] = item(key, value);
        return map;
    }
}
