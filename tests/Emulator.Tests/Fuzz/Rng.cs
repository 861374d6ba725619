using CsCheck;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>
/// Draws from CsCheck's <see cref="PCG"/>: request <c>i</c> of a run with seed <c>s</c> is drawn from <c>PCG(i, s)</c>
/// alone, so any single request is reproduced from the seed and its index, whatever the concurrency.
/// </summary>
public sealed class Rng(PCG pcg)
{
    public Rng(ulong seed, uint stream) : this(new PCG(stream, seed)) { }

    public int Int(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)pcg.Next((uint)maxExclusive);

    public int Between(int min, int max) => min >= max ? min : min + Int(max - min + 1);

    public bool Chance(double p) => pcg.Next() < p * uint.MaxValue;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(items.Count)];

    /// <summary>Picks an index by weight.</summary>
    public int Weighted(params int[] weights)
    {
        var roll = Int(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    /// <summary>Draws with a CsCheck generator from this request's stream.</summary>
    public T Draw<T>(Gen<T> gen) => gen.Generate(pcg, null!, out _);

    public string Letters(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)('a' + Int(26));
        return new string(chars);
    }
}
