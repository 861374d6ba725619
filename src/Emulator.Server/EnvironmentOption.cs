using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace IntegrationsApiEmulator.Server;

/// <summary>
/// What an option accepts: how its text is read, and in words what is allowed (the refusal quotes it).
/// <c>Parse</c> returns false for a value outside the rule.
/// </summary>
public sealed record OptionRule<T>(string Allowed, OptionRule<T>.TryRead Parse)
{
    public delegate bool TryRead(string text, out T value);
}

/// <summary>
/// Options whose default comes from an environment variable (<c>--admin-token</c> ← <c>EMULATOR_ADMIN_TOKEN</c>), so a
/// container is configured with <c>-e</c> as well as with flags; a flag on the command line wins. Every value, from
/// either place, is read by the option's <see cref="OptionRule{T}"/>: a bad one is one error naming the option (or
/// variable), the value and what is allowed.
/// </summary>
public static class EnvironmentOption
{
    /// <summary>The variable of an option: <c>--seed-count</c> → <c>EMULATOR_SEED_COUNT</c>.</summary>
    public static string VariableOf(string name) => "EMULATOR_" + name.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    public static Option<T> Create<T>(string name, string description, T fallback, OptionRule<T> rule)
    {
        var variable = VariableOf(name);
        var option = new Option<T>(name)
        {
            Description = $"{description} [allowed: {rule.Allowed}] [env: {variable}]",
            DefaultValueFactory = result =>
            {
                var text = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(text)) return fallback;
                if (rule.Parse(text, out var value)) return value;
                result.AddError(Refusal($"{variable} (for {name})", text, rule.Allowed));
                return fallback;
            },
            CustomParser = result =>
            {
                // A flag without a value (--no-seed) is a boolean switched on.
                if (result.Tokens.Count == 0 && typeof(T) == typeof(bool)) return (T)(object)true;
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (rule.Parse(text, out var value)) return value;
                result.AddError(Refusal(name, text, rule.Allowed));
                return fallback;
            },
        };
        if (typeof(T) == typeof(bool)) option.Arity = ArgumentArity.ZeroOrOne;
        return option;
    }

    /// <summary><c>--port "abc": not allowed; a whole number from 0 to 65535</c>.</summary>
    public static string Refusal(string where, string text, string allowed) =>
        $"{where} \"{(text.Length > 80 ? text[..80] + "…" : text)}\" is not allowed: {allowed}";

    // ---- rules ----

    public static OptionRule<int> WholeNumber(int min, int max) =>
        new($"a whole number from {min} to {max}", (string text, out int value) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);

    public static OptionRule<int?> OptionalWholeNumber(int min, int max) =>
        new($"a whole number from {min} to {max}", (string text, out int? value) =>
        {
            value = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max ? parsed : null;
            return value is not null;
        });

    public static OptionRule<long> WholeNumber(long min, long max) =>
        new($"a whole number from {min} to {max}", (string text, out long value) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);

    public static readonly OptionRule<bool> Boolean = new("true or false (also 1/0, yes/no, on/off)", (string text, out bool value) =>
    {
        var parsed = text.ToLowerInvariant() switch
        {
            "1" or "true" or "yes" or "on" => true,
            "0" or "false" or "no" or "off" => (bool?)false,
            _ => null,
        };
        value = parsed ?? false;
        return parsed is not null;
    });

    public static OptionRule<TEnum> OneOf<TEnum>() where TEnum : struct, Enum =>
        new($"one of {string.Join(", ", Enum.GetNames<TEnum>())}", (string text, out TEnum value) =>
            Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _));

    public static readonly OptionRule<string> IpHost = new("an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost", (string text, out string value) =>
    {
        value = text;
        return text == "localhost" || System.Net.IPAddress.TryParse(text, out _);
    });

    public static readonly OptionRule<string?> Token = new("a non-empty token without spaces", (string text, out string? value) =>
    {
        value = text;
        return text.Length > 0 && !text.Any(char.IsWhiteSpace);
    });

    public static readonly OptionRule<DirectoryInfo?> ExistingDirectory = new("an existing directory", (string text, out DirectoryInfo? value) =>
    {
        value = text.Length > 0 ? new DirectoryInfo(text) : null;
        return value?.Exists == true;
    });

    public static readonly OptionRule<FileInfo?> FileInExistingDirectory = new("a file path whose directory exists (the file itself may not yet)", (string text, out FileInfo? value) =>
    {
        value = text.Length > 0 && !text.EndsWith('/') ? new FileInfo(text) : null;
        return value is not null && !Directory.Exists(value.FullName) && value.Directory?.Exists == true;
    });
}
