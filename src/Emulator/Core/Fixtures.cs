using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Where a fixture document comes from and how to load it: <paramref name="Source"/> names it in errors (a file
/// path, or <c>POST /_emulator/fixtures</c>), <paramref name="PathPrefix"/> is put before every JSON path (the
/// vendor key of a request body), <paramref name="Seed"/> seeds the ids the loader generates.
/// </summary>
internal sealed record FixtureContext(string Source, string PathPrefix, int Seed, SchemaRegistry Schemas)
{
    /// <summary>Refuses the fixture on the first schema violation, its path under <paramref name="prefix"/>.</summary>
    public void Check(string prefix, IReadOnlyList<SchemaViolation> violations)
    {
        if (violations.Count > 0) throw Refused(prefix + violations[0].Path, violations[0].Reason);
    }

    /// <summary>Validates the whole document against <c>schemas/fixtures/{vendor}.fixture.json</c>.</summary>
    public void CheckDocument(string vendor, JToken document) => Check("", Schemas.Validate("fixtures", vendor, SchemaPart.Fixture, document));

    /// <summary>A fixture that breaks its format or the vendor's rules; the message names the source, the JSON path and the reason.</summary>
    public InvalidDataException Refused(string path, string reason) =>
        new($"Fixture {Source} is refused at {(PathPrefix + path).TrimEnd('.')}: {reason}");
}

/// <summary>Reading fixture sets: a directory with one <c>{vendor}.json</c> per vendor, or one JSON object keyed by vendor.</summary>
internal static class Fixtures
{
    /// <summary>The vendor's document in a fixtures directory, or null when the directory has no file for it.</summary>
    public static JToken? ReadFile(string directory, string vendor)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Fixtures directory {directory} does not exist.");
        var file = FileOf(directory, vendor);
        if (!File.Exists(file)) return null;
        try
        {
            using var reader = new JsonTextReader(File.OpenText(file)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader);
        }
        catch (JsonReaderException e)
        {
            throw new InvalidDataException($"Fixture {file} is not valid JSON: {e.Message}");
        }
    }

    public static string FileOf(string directory, string vendor) => Path.Combine(directory, vendor + ".json");

    /// <summary>A fixture seed that differs per document, so two different sets loaded at run time get different ids.</summary>
    public static int SeedFor(int seed, JToken document) =>
        seed ^ BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToString(Formatting.None))));

    /// <summary>The items of an optional array property, with their indexes.</summary>
    public static IEnumerable<(JsonObject Item, int Index)> Items(JsonObject root, string key) =>
        (root[key]?.AsArray() ?? []).Select((item, index) => (item!.AsObject(), index));

    /// <summary>The document as a System.Text.Json object (after schema validation said it is one).</summary>
    public static JsonObject AsObject(JToken document) => JsonNode.Parse(document.ToString(Formatting.None))!.AsObject();
}

/// <summary>The <c>--fixtures</c> file of a vendor, read when its template is built.</summary>
internal static class StartupFixture
{
    /// <summary>The vendor's document and how to load it, or null when there is no fixtures directory or no file for the vendor.</summary>
    public static (JToken Document, FixtureContext Context)? Of(EmulatorOptions options, string vendor, IServiceProvider services)
    {
        if (options.FixturesDirectory is not { } directory || Fixtures.ReadFile(directory, vendor) is not { } document) return null;
        var schemas = (SchemaRegistry)services.GetService(typeof(SchemaRegistry))!;
        return (document, new FixtureContext(Fixtures.FileOf(directory, vendor), "", options.Seed, schemas));
    }
}
