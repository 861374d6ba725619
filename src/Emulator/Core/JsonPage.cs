using System.Text.Json;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// A list page assembled from ready item JSON (each item's bytes are cached on it): <c>prefix</c>, the items joined by
/// commas, <c>suffix</c>, copied once into an exactly-sized array — no growing buffer, no zeroing, no second copy.
/// </summary>
internal static class JsonPage
{
    public static byte[] Concat(ReadOnlySpan<byte> prefix, IReadOnlyList<byte[]> items, ReadOnlySpan<byte> suffix)
    {
        var length = prefix.Length + suffix.Length + Math.Max(0, items.Count - 1);
        for (var i = 0; i < items.Count; i++) length += items[i].Length;
        var page = GC.AllocateUninitializedArray<byte>(length);
        var span = page.AsSpan();
        prefix.CopyTo(span);
        var at = prefix.Length;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) span[at++] = (byte)',';
            items[i].CopyTo(span[at..]);
            at += items[i].Length;
        }
        suffix.CopyTo(span[at..]);
        return page;
    }

    /// <summary><c>"name":"value"</c> with the value escaped as <see cref="Utf8JsonWriter"/> escapes it.</summary>
    public static byte[] Property(string name, string value) =>
        [.. JsonEncodedText.Encode(name).EncodedUtf8Bytes.Quoted(), (byte)':', .. JsonEncodedText.Encode(value).EncodedUtf8Bytes.Quoted()];

    private static byte[] Quoted(this ReadOnlySpan<byte> text) => [(byte)'"', .. text, (byte)'"'];
}
