using IntegrationsApiEmulator.Vendors.GitBook;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// <see cref="LzString.DecompressFromEncodedUriComponent"/> against vectors produced by the lz-string npm package
/// (tests/contract/node_modules/lz-string, <c>compressToEncodedURIComponent</c>), and the test-only compressor
/// against the same vectors.
/// </summary>
public sealed class LzStringTests
{
    public static TheoryData<string, string> Vectors() => new()
    {
        { "", "Q" },
        { "a", "IZA" },
        { "hello", "BYUwNmD2Q" },
        { "hello world hello world hello world", "BYUwNmD2AEDukCcwBNqgjeTXqnRKQA" },
        { "ääé€ unicode 🚀", "CfCXhqCACBXA7BLAxgewCYFNKF4NwAXtA" },
        { new string('a', 100), "IY18ZXTt-0g" },
        { "TOBEORNOTTOBEORTOBEORNOT#", "CoeQQgoiBKByLFJGSpwQYiA" },
        { "ER_ly,", "KIJQ+gNgngNEA" },
        { "{\"componentId\":\"x\"}", "N4Igxg9gtgDhB2BTeAXAkgExALhADxAF8g" },
        {
            "{\"componentId\":\"configure\",\"props\":{},\"context\":{\"type\":\"configuration_account\",\"theme\":\"light\",\"organizationId\":\"emulator-org\"}}",
            "N4Igxg9gtgDhB2BTeAXAkgExALnAgZgJYDmArgE6IgA0IM5EMAzjsAL62SqIAeKrIFAE8YVXFyJlyAQxSEEAfWlhIpVDUEALRFDEgANiU39aEcsWnxCAL1nz4mHCB2l9sswFozxEGzZA"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decompresses_what_the_npm_package_compressed(string text, string compressed) =>
        LzString.DecompressFromEncodedUriComponent(compressed).Should().Be(text);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_test_compressor_matches_the_npm_package(string text, string compressed) =>
        TestLzString.CompressToEncodedUriComponent(text).Should().Be(compressed);

    [Fact]
    public void A_long_text_with_a_growing_dictionary_round_trips()
    {
        var text = string.Join(',', Enumerable.Range(0, 300).Select(i => "item" + i));
        LzString.DecompressFromEncodedUriComponent(TestLzString.CompressToEncodedUriComponent(text)).Should().Be(text);
        // npm lz-string: compressToEncodedURIComponent of the same text.
        TestLzString.CompressToEncodedUriComponent(text).Should().Be("JYFwpgtgDANKkEY7ggJmZAzBiAWHArDgGw4DsOAHDgJw4KzwQJJMLpvZv5tFulsKbamzpNUjFKlZSOUrlJ5S+UgVKFSRUsSkySsMrHKwKsSrCqxqsGrFqw7IufXkN5jeU3nN5Lea3i2ePZ4jhAELgRuBB4EXgQ+BH4EAQRBBCEEYcQuxG7EHsRexD7EfsQBxEHEIcRhZC5kbmQeZF5kPmR+ZAFkQWQhZGGULpRulB6UXpQ+lH6UAZRBlCGUYTQuNG40HjReND40fjQBNEE0ITRhDC4MbgweDF4MPgx+DAEMQQwhDNcM9BYgMeCGeCFeCHeCE+CG+CF+CGuEno0hRj1Qz1Qr1Q71Qn1Q31Qv1Q1z09Ew90wj0wz0wr0w70wn0w30wv0w12c9Fw91wj1wz1wr1w71wn1w31wv1w1wi9Ci8secXlryS8s+aXlvyy9ByuvuBV1zxKuveFV13xquuuDXoTTtjzadteXTtnz6dt+Q3oIx99wmPueMx97wWPu+Kx91w29C2scee1jryOsc+Z1jvyuOAkLgkbgkHgkXgkPgkfgkAQkQQkIQkYWkuaB4nY2dBrdLkNbldhrdriOzyPEqKHhYxA9LOIHlYJA9rJOzZPEFIXhZpC9LDIXlZZC9rHOzXPEPIPhYFB9LIoPlYlB9rMuzcvECqfheVT9Laqflc1T9rOvEeoAfmhoAcWJoAeW5oAdWVoAfWtriPaiGFk6iGlq6iGVh6iG1t64i+vh+YBvhxbBvh5Zhvh1aRvh9YxuIcYMYWiYMaWKYMZW6YMbWVxAA");
    }

    [Fact]
    public void Spaces_stand_for_plus_as_in_a_form_decoded_query() =>
        LzString.DecompressFromEncodedUriComponent("KIJQ gNgngNEA").Should().Be("ER_ly,");

    [Theory]
    [InlineData("")]              // lz-string: null
    [InlineData("!!!")]           // not in the URI-safe alphabet
    [InlineData("abc/def")]       // '/' is not in the alphabet either
    [InlineData("BYUwNmD2")]      // "hello" cut short: the stream ends without its end marker
    [InlineData("N4Igxg9gtgDhB2BT")] // a JSON value cut short
    [InlineData("////")]
    public void Invalid_input_is_null(string input) =>
        LzString.DecompressFromEncodedUriComponent(input).Should().BeNull();
}
