namespace IntegrationsApiEmulator.Core;

/// <summary>One way a JSON document breaks its schema: where (a JSON path such as <c>channels.chat.title</c>) and why.</summary>
internal sealed record SchemaViolation(string Path, string Reason)
{
    /// <summary><c>channels.chat.title: must be at most 64 characters</c>; the root is written <c>(root)</c>.</summary>
    public override string ToString() => $"{(Path.Length == 0 ? "(root)" : Path)}: {Reason}";

    public static string Describe(IReadOnlyList<SchemaViolation> violations) =>
        string.Join("; ", violations.Take(5).Select(v => v.ToString()))
        + (violations.Count > 5 ? $" (and {violations.Count - 5} more)" : "");
}
