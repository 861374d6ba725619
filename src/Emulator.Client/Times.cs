namespace IntegrationsApiEmulator.Client;

/// <summary>How many matching requests an assertion expects: <see cref="AtLeastOnce"/>, <see cref="Exactly"/>, ...</summary>
public sealed record Times
{
    private Times(int minimum, int? maximum, string description)
    {
        Minimum = minimum;
        Maximum = maximum;
        Description = description;
    }

    /// <summary>The fewest matching requests that pass.</summary>
    public int Minimum { get; }

    /// <summary>The most matching requests that pass, or null for no limit.</summary>
    public int? Maximum { get; }

    /// <summary>How the expectation reads in a failure message (<c>exactly 2 requests</c>).</summary>
    public string Description { get; }

    /// <summary>One matching request or more (the default).</summary>
    public static Times AtLeastOnce { get; } = AtLeast(1);

    /// <summary>No matching request at all.</summary>
    public static Times Never { get; } = Exactly(0);

    /// <summary>Exactly one matching request.</summary>
    public static Times Once { get; } = Exactly(1);

    /// <summary><paramref name="count"/> matching requests or more.</summary>
    public static Times AtLeast(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(count, null, $"at least {Requests(count)}");
    }

    /// <summary>Exactly <paramref name="count"/> matching requests.</summary>
    public static Times Exactly(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(count, count, count == 0 ? "no request" : $"exactly {Requests(count)}");
    }

    /// <summary>At most <paramref name="count"/> matching requests.</summary>
    public static Times AtMost(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(0, count, $"at most {Requests(count)}");
    }

    /// <summary>Does <paramref name="count"/> matching requests satisfy this expectation?</summary>
    public bool Allows(int count) => count >= Minimum && (Maximum is not { } max || count <= max);

    /// <inheritdoc/>
    public override string ToString() => Description;

    private static string Requests(int count) => count == 1 ? "1 request" : $"{count} requests";
}
