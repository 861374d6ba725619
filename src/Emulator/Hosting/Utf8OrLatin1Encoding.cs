using System.Text;

namespace IntegrationsApiEmulator.Hosting;

/// <summary>
/// How Kestrel decodes request header values: UTF-8 when the bytes are valid UTF-8 (what clients send for non-ASCII
/// text), otherwise Latin-1, byte for byte — RFC 9110 allows any octet 0x80–0xFF in a field value (obs-text), and
/// Kestrel's default refuses those with an empty 400 before the app runs. Decoding only; encoding is UTF-8.
/// </summary>
internal sealed class Utf8OrLatin1Encoding : Encoding
{
    public static readonly Utf8OrLatin1Encoding Instance = new();

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override int GetByteCount(char[] chars, int index, int count) => Utf8.GetByteCount(chars, index, count);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        Utf8.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetCharCount(byte[] bytes, int index, int count) =>
        IsUtf8(bytes, index, count) ? Utf8.GetCharCount(bytes, index, count) : count;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        IsUtf8(bytes, byteIndex, byteCount) ? Utf8.GetChars(bytes, byteIndex, byteCount, chars, charIndex) : Latin1.GetChars(bytes, byteIndex, byteCount, chars, charIndex);

    public override int GetMaxByteCount(int charCount) => Utf8.GetMaxByteCount(charCount);

    public override int GetMaxCharCount(int byteCount) => byteCount;

    private static bool IsUtf8(byte[] bytes, int index, int count) => System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(index, count));
}
