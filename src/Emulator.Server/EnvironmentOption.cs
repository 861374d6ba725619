using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Emulator.Server;

/// <summary>
/// Options whose default comes from an environment variable (<c>--admin-token</c> ← <c>EMULATOR_ADMIN_TOKEN</c>), so a
/// container is configured with <c>-e</c> as well as with flags; a flag on the command line wins.
/// </summary>
public static class EnvironmentOption
{
    /// <summary>The variable of an option: <c>--seed-count</c> → <c>EMULATOR_SEED_COUNT</c>.</summary>
    public static string VariableOf(string name) => "EMULATOR_" + name.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    public static Option<T> Create<T>(string name, string description, T fallback)
    {
        var variable = VariableOf(name);
        return new Option<T>(name)
        {
            Description = $"{description} [env: {variable}]",
            DefaultValueFactory = result =>
            {
                var text = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(text)) return fallback;
                if (TryParse<T>(text, out var value)) return value;
                result.AddError($"{variable}: \"{text}\" is not a valid value for {name}.");
                return fallback;
            },
        };
    }

    private static bool TryParse<T>(string text, out T value)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        object? parsed = null;
        if (type == typeof(string)) parsed = text;
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) parsed = i;
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) parsed = l;
        else if (type == typeof(bool) && ParseBool(text) is { } b) parsed = b;
        else if (type.IsEnum && Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e)) parsed = e;
        else if (type == typeof(DirectoryInfo)) parsed = new DirectoryInfo(text);
        else if (type == typeof(FileInfo)) parsed = new FileInfo(text);
        value = parsed is null ? default! : (T)parsed;
        return parsed is not null;
    }

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };
}
