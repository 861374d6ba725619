using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// The one strict reading of request JSON: no comments, trailing commas, single quotes or duplicate keys, and text that
/// decodes — every string and key valid UTF-8 without lone surrogates (raw or escaped as <c>\ud800</c>), every number a
/// finite double. What it returns can be read everywhere (<see cref="JsonNode.GetValue{T}"/>, <see cref="JsonTokens"/>)
/// without a decoding error surfacing later as a 500. It also measures the document's shape (<see cref="JsonShape"/>)
/// in the same pass (<see cref="Measure"/>), for refusing oversized documents before a tree is built (<see cref="Build"/>).
/// </summary>
internal static class StrictJson
{
    /// <summary>Deeper documents are refused (no vendor schema nests more than a few dozen levels).</summary>
    public const int MaxDepth = 256;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Strings longer than this (in JSON text) with escapes are unescaped into an array of their own.</summary>
    private const int LargeEscapedString = 64 * 1024;

    /// <summary>Parses UTF-8 JSON text strictly.</summary>
    /// <exception cref="JsonException">Not JSON (syntax, depth, duplicate key).</exception>
    /// <exception cref="JsonTextException">JSON whose text does not decode; the message names the JSON path.</exception>
    public static JsonNode? Parse(ReadOnlyMemory<byte> utf8)
    {
        Measure(utf8.Span);
        return Build(utf8.Span);
    }

    /// <summary>
    /// Checks the text (syntax, decodable strings, finite numbers) without building anything, and measures its shape,
    /// so that oversized documents can be refused before <see cref="Build"/> allocates a tree for them.
    /// </summary>
    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte})"/>
    public static JsonShape Measure(ReadOnlySpan<byte> utf8) => Check(utf8);

    /// <summary>
    /// Builds the tree of text that <see cref="Measure"/> accepted, straight from the reader: no
    /// <see cref="JsonDocument"/>, whose index of a large document is rented from the shared array pool and kept there
    /// (a sidecar's memory would not come back after a burst of large bodies). Numbers keep their text.
    /// </summary>
    /// <exception cref="JsonException">A duplicate key.</exception>
    public static JsonNode? Build(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        reader.Read();
        return BuildValue(ref reader);
    }

    private static JsonNode? BuildValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (obj.ContainsKey(name)) throw new JsonException($"Duplicate property '{name}' (each key may appear once)");
                    obj.Add(name, BuildValue(ref reader));
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) array.Add(BuildValue(ref reader));
                return array;
            case JsonTokenType.String:
                return JsonValue.Create(ReadString(ref reader));
            case JsonTokenType.Number:
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    /// <summary>A string value; a large escaped one is unescaped into its own array rather than a pooled one.</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped || reader.ValueSpan.Length < LargeEscapedString) return reader.GetString()!;
        var unescaped = new byte[reader.ValueSpan.Length];
        return Encoding.UTF8.GetString(unescaped, 0, reader.CopyString(unescaped));
    }

    /// <summary>Parses JSON text already decoded to a string (an lz-string or base64 payload), refusing lone surrogates in it.</summary>
    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte})"/>
    public static JsonNode? Parse(string text)
    {
        var bad = LoneSurrogateAt(text);
        if (bad >= 0) throw new JsonTextException("", $"the text is not valid UTF-16: a lone surrogate U+{(int)text[bad]:X4} at character {bad}");
        return Parse(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>One pass of the reader over the text: syntax, decodable strings and finite numbers; and the shape.</summary>
    private static JsonShape Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var frames = new Frames();
        var shape = new JsonShape();
        long nodes = 0;
        while (reader.Read())
        {
            var token = reader.TokenType;
            switch (token)
            {
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    ref var closed = ref frames.Top;
                    if (closed.IsArray && closed.Index + 1 > shape.LargestArray)
                    {
                        shape.LargestArray = closed.Index + 1;
                        closed.Index = -1;
                        shape.LargestArrayPath = PathOf(utf8, frames);
                    }
                    frames.Pop();
                    continue;
                case JsonTokenType.PropertyName:
                    ref var owner = ref frames.Top;
                    owner.HasKey = false;
                    CheckString(ref reader, utf8, frames, isKey: true);
                    (owner.HasKey, owner.KeyStart, owner.KeyLength, owner.KeyEscaped) = (true, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    continue;
            }
            // A value: count it, and advance the index of the array it is in.
            nodes++;
            if (frames.Count > 0 && frames.Top.IsArray) frames.Top.Index++;
            switch (token)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    frames.Push(token == JsonTokenType.StartArray);
                    break;
                case JsonTokenType.String:
                    CheckString(ref reader, utf8, frames, isKey: false);
                    break;
                // Only an exponent or hundreds of digits can leave the range of a double.
                case JsonTokenType.Number when reader.ValueSpan.Length > 300 || reader.ValueSpan.IndexOfAny((byte)'e', (byte)'E') >= 0:
                    if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        throw new JsonTextException(PathOf(utf8, frames), $"the number {Encoding.UTF8.GetString(reader.ValueSpan)} is out of range");
                    break;
            }
        }
        shape.Nodes = nodes;
        return shape;
    }

    private static void CheckString(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, Frames frames, bool isKey)
    {
        var what = isKey ? "a property name" : "the string";
        if (!reader.ValueIsEscaped)
        {
            // Raw text: a UTF-8-encoded surrogate (ED A0..BF xx) is invalid UTF-8 too.
            if (!Utf8.IsValid(reader.ValueSpan))
                throw new JsonTextException(PathOf(utf8, frames), $"{what} is not valid UTF-8 (at byte {reader.TokenStartIndex + 1 + FirstInvalidUtf8(reader.ValueSpan)})");
            return;
        }
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonTextException(PathOf(utf8, frames), $"{what} is not valid text: invalid UTF-8 or an escaped lone surrogate such as \\ud800");
        }
        var bad = LoneSurrogateAt(text);
        if (bad >= 0) throw new JsonTextException(PathOf(utf8, frames), $"{what} holds a lone surrogate \\u{(int)text[bad]:x4} (a surrogate must be half of a pair)");
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        System.Buffers.OperationStatus status;
        var offset = 0;
        do
        {
            status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        } while (offset < bytes.Length);
        return offset;
    }

    /// <summary>The index of the first surrogate that is not half of a pair, or -1.</summary>
    public static int LoneSurrogateAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return i;
        }
        return -1;
    }

    /// <summary><c>a.b[3]</c> for the frames open at the error (keys decoded from the text only now).</summary>
    private static string PathOf(ReadOnlySpan<byte> utf8, Frames frames)
    {
        var path = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            ref var frame = ref frames[i];
            if (frame.IsArray)
            {
                if (frame.Index >= 0) path.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.HasKey)
            {
                if (path.Length > 0) path.Append('.');
                path.Append(KeyText(utf8.Slice(frame.KeyStart, frame.KeyLength), frame.KeyEscaped));
            }
        }
        return path.ToString();
    }

    private static string KeyText(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!Utf8.IsValid(raw)) return "<invalid key>";
        var text = Encoding.UTF8.GetString(raw);
        if (!escaped) return text;
        try
        {
            var decoded = JsonSerializer.Deserialize<string>("\"" + text + "\"")!;
            return LoneSurrogateAt(decoded) >= 0 ? text : decoded;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>An open object or array: the index of the current element, or where the current key is in the text.</summary>
    private struct Frame
    {
        public bool IsArray;
        public int Index;
        public bool HasKey;
        public int KeyStart;
        public int KeyLength;
        public bool KeyEscaped;
    }

    /// <summary>The open objects and arrays, innermost last.</summary>
    private sealed class Frames
    {
        private Frame[] _items = new Frame[16];

        public int Count { get; private set; }

        public ref Frame Top => ref _items[Count - 1];

        public ref Frame this[int index] => ref _items[index];

        public void Push(bool isArray)
        {
            if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
            _items[Count++] = new Frame { IsArray = isArray, Index = -1 };
        }

        public void Pop() => Count--;
    }
}

/// <summary>The size of a JSON document, measured while it is read.</summary>
internal sealed class JsonShape
{
    /// <summary>Values (objects, arrays, strings, numbers, literals), the root included.</summary>
    public long Nodes { get; internal set; }

    /// <summary>The most elements of one array, and where that array is.</summary>
    public int LargestArray { get; internal set; }

    public string LargestArrayPath { get; internal set; } = "";
}

/// <summary>JSON whose text does not decode (invalid UTF-8, a lone surrogate, a number out of range), at <see cref="Path"/>.</summary>
internal sealed class JsonTextException(string path, string reason)
    : JsonException((path.Length == 0 ? "" : path + ": ") + reason)
{
    /// <summary>The JSON path of the value at fault (<c>a.b[3]</c>); empty for the root or the text as a whole.</summary>
    public new string Path { get; } = path;

    public string Reason { get; } = reason;
}
