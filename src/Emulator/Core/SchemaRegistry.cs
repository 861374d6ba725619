using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// The JSON Schemas in <c>schemas/{vendor}/{operation}.{request|query|response}.json</c>, embedded in the
/// assembly, loaded once on first use, and the validation that turns NJsonSchema errors into
/// <see cref="SchemaViolation"/>s naming the JSON path.
/// </summary>
internal sealed class SchemaRegistry(VendorDirectory? vendors = null)
{
    private static readonly Assembly Home = typeof(SchemaRegistry).Assembly;
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema?>> _schemas = new();

    /// <summary>The schema for one operation's <paramref name="part"/>, or null when the vendor defines none.</summary>
    /// <remarks>A vendor module from another assembly (a test's) embeds its schemas under the same names there.</remarks>
    public JsonSchema? Find(string vendor, string operationId, SchemaPart part)
    {
        var name = $"schemas/{vendor}/{operationId}.{part.ToString().ToLowerInvariant()}.json";
        return _schemas.GetOrAdd(name, n => new Lazy<JsonSchema?>(() => Load(AssemblyOf(vendor), n))).Value;
    }

    private Assembly AssemblyOf(string vendor) =>
        vendors?.Modules.FirstOrDefault(m => m.Name == vendor)?.GetType().Assembly ?? Home;

    /// <summary>Every schema name embedded for a vendor (for tests and diagnostics).</summary>
    public static IEnumerable<string> Names(string vendor) =>
        Home.GetManifestResourceNames().Where(n => n.StartsWith($"schemas/{vendor}/", StringComparison.Ordinal));

    public IReadOnlyList<SchemaViolation> Validate(string vendor, string operationId, SchemaPart part, JToken document)
    {
        var schema = Find(vendor, operationId, part)
            ?? throw new InvalidOperationException($"No {part} schema for {vendor}/{operationId}.");
        var errors = schema.Validate(document);
        if (errors.Count == 0) return [];
        var violations = new List<SchemaViolation>();
        Flatten(errors, violations);
        return violations;
    }

    private static JsonSchema? Load(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }

    private static void Flatten(IEnumerable<ValidationError> errors, List<SchemaViolation> into)
    {
        foreach (var error in errors)
        {
            // oneOf/anyOf failures nest the branch errors; the branches name the real fields at fault.
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                var before = into.Count;
                foreach (var branch in child.Errors.Values) Flatten(branch, into);
                if (into.Count > before) continue;
            }
            into.Add(new SchemaViolation(PathOf(error), ReasonOf(error)));
        }
    }

    private static string PathOf(ValidationError error)
    {
        var path = error.Path ?? "";
        if (path.StartsWith("#/", StringComparison.Ordinal)) path = path[2..];
        else if (path == "#") path = "";
        return path;
    }

    private static string ReasonOf(ValidationError error)
    {
        var s = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not an allowed property",
            ValidationErrorKind.StringTooLong => $"must be at most {s?.MaxLength} characters",
            ValidationErrorKind.StringTooShort => $"must be at least {s?.MinLength} characters",
            ValidationErrorKind.PatternMismatch => $"must match the pattern {s?.Pattern}",
            ValidationErrorKind.NotInEnumeration => $"must be one of {string.Join(", ", s?.Enumeration.Select(e => e?.ToString() ?? "null") ?? [])}",
            ValidationErrorKind.NumberTooSmall => $"must be at least {s?.Minimum}",
            ValidationErrorKind.NumberTooBig => $"must be at most {s?.Maximum}",
            ValidationErrorKind.TooManyItems => $"must have at most {s?.MaxItems} items",
            ValidationErrorKind.TooFewItems => $"must have at least {s?.MinItems} items",
            ValidationErrorKind.DateTimeExpected => "must be an ISO 8601 date-time",
            ValidationErrorKind.UriExpected => "must be a URI",
            ValidationErrorKind.IntegerExpected => "must be an integer",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.BooleanExpected => "must be a boolean",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.NullExpected => "must be null",
            _ => $"is invalid ({error.Kind})",
        };
    }
}

/// <summary>Which part of an operation a schema describes.</summary>
internal enum SchemaPart
{
    Request,
    Query,
    Response,

    /// <summary>The format of a vendor's fixture file (<c>schemas/fixtures/{vendor}.fixture.json</c>).</summary>
    Fixture,
}
