using System.Text;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// Test-only port of lz-string 1.5's <c>compressToEncodedURIComponent</c> (what <c>@gitbook/api</c> callers use to
/// build <c>GET /render?request=</c>). Checked against vectors produced by the npm package in <see cref="LzStringTests"/>.
/// </summary>
internal static class TestLzString
{
    private const string UriSafeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

    public static string CompressToEncodedUriComponent(string input)
    {
        var writer = new BitWriter();
        var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        var toCreate = new HashSet<string>(StringComparer.Ordinal);
        string w = "";
        int enlargeIn = 2, dictSize = 3, numBits = 2;

        void Enlarge()
        {
            enlargeIn--;
            if (enlargeIn == 0)
            {
                enlargeIn = 1 << numBits;
                numBits++;
            }
        }

        void EmitW()
        {
            if (toCreate.Contains(w))
            {
                if (w[0] < 256)
                {
                    writer.Write(0, numBits);
                    writer.Write(w[0], 8);
                }
                else
                {
                    writer.Write(1, numBits);
                    writer.Write(w[0], 16);
                }
                Enlarge();
                toCreate.Remove(w);
            }
            else
            {
                writer.Write(dictionary[w], numBits);
            }
            Enlarge();
        }

        foreach (var ch in input)
        {
            var c = ch.ToString();
            if (!dictionary.ContainsKey(c))
            {
                dictionary[c] = dictSize++;
                toCreate.Add(c);
            }
            var wc = w + c;
            if (dictionary.ContainsKey(wc))
            {
                w = wc;
                continue;
            }
            EmitW();
            dictionary[wc] = dictSize++;
            w = c;
        }
        if (w.Length > 0) EmitW();
        writer.Write(2, numBits);
        return writer.Finish();
    }

    /// <summary>Writes values least significant bit first into 6-bit characters, as lz-string does.</summary>
    private sealed class BitWriter
    {
        private readonly StringBuilder _out = new();
        private int _value;
        private int _position;

        public void Write(int value, int bits)
        {
            for (var i = 0; i < bits; i++)
            {
                Push(value & 1);
                value >>= 1;
            }
        }

        public string Finish()
        {
            while (true)
            {
                _value <<= 1;
                if (_position == 5)
                {
                    _out.Append(UriSafeAlphabet[_value]);
                    return _out.ToString();
                }
                _position++;
            }
        }

        private void Push(int bit)
        {
            _value = (_value << 1) | bit;
            if (_position == 5)
            {
                _position = 0;
                _out.Append(UriSafeAlphabet[_value]);
                _value = 0;
            }
            else
            {
                _position++;
            }
        }
    }
}
