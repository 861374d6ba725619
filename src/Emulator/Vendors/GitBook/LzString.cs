using System.Text;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// lz-string's <c>decompressFromEncodedURIComponent</c>: GitBook's <c>GET /render?request=</c> carries the
/// render request compressed this way. No maintained .NET package is served here, so this is the
/// algorithm (LZW over a URI-safe base64 alphabet, 6 bits per character).
/// </summary>
internal static class LzString
{
    private const string UriSafeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

    /// <summary>The decompressed text, or null when <paramref name="input"/> is not lz-string output.</summary>
    public static string? DecompressFromEncodedUriComponent(string input)
    {
        if (input.Length == 0) return null;
        input = input.Replace(' ', '+');
        var values = new int[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            values[i] = UriSafeAlphabet.IndexOf(input[i]);
            if (values[i] < 0) return null;
        }
        return Decompress(values, 32);
    }

    private static string? Decompress(int[] values, int resetValue)
    {
        var reader = new BitReader(values, resetValue);
        var dictionary = new List<string> { "0", "1", "2" };
        int enlargeIn = 4, numBits = 3;
        string c;
        switch (reader.Read(2))
        {
            case 0: c = ((char)reader.Read(8)).ToString(); break;
            case 1: c = ((char)reader.Read(16)).ToString(); break;
            case 2: return "";
            default: return null;
        }
        dictionary.Add(c);
        var w = c;
        var result = new StringBuilder(c);
        while (true)
        {
            if (reader.Exhausted) return null;
            var code = reader.Read(numBits);
            switch (code)
            {
                case 0:
                    dictionary.Add(((char)reader.Read(8)).ToString());
                    code = dictionary.Count - 1;
                    enlargeIn--;
                    break;
                case 1:
                    dictionary.Add(((char)reader.Read(16)).ToString());
                    code = dictionary.Count - 1;
                    enlargeIn--;
                    break;
                case 2:
                    return result.ToString();
            }
            if (enlargeIn == 0)
            {
                enlargeIn = 1 << numBits;
                numBits++;
            }
            string entry;
            if (code < dictionary.Count) entry = dictionary[code];
            else if (code == dictionary.Count) entry = w + w[0];
            else return null;
            result.Append(entry);
            dictionary.Add(w + entry[0]);
            enlargeIn--;
            w = entry;
            if (enlargeIn == 0)
            {
                enlargeIn = 1 << numBits;
                numBits++;
            }
        }
    }

    private sealed class BitReader(int[] values, int reset)
    {
        private readonly int _reset = reset;
        private int _value = values.Length > 0 ? values[0] : 0;
        private int _position = reset;
        private int _index = 1;

        public bool Exhausted => _index > values.Length;

        public int Read(int bitCount)
        {
            int bits = 0, power = 1, maxPower = 1 << bitCount;
            while (power != maxPower)
            {
                var bit = _value & _position;
                _position >>= 1;
                if (_position == 0)
                {
                    _position = _reset;
                    _value = _index < values.Length ? values[_index] : 0;
                    _index++;
                }
                bits |= (bit > 0 ? 1 : 0) * power;
                power <<= 1;
            }
            return bits;
        }
    }
}
