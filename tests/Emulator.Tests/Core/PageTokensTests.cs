using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Tests.Core;

public sealed class PageTokensTests
{
    private readonly PageTokens _tokens = new();

    [Fact]
    public void A_token_round_trips_within_its_scope()
    {
        var token = _tokens.Protect("botpress|t1|list", "42|0000000001");

        _tokens.TryUnprotect("botpress|t1|list", token, out var position).Should().BeTrue();
        position.Should().Be("42|0000000001");
    }

    [Fact]
    public void A_token_from_another_scope_is_refused()
    {
        var token = _tokens.Protect("botpress|tenant-a|list", "42|x");

        _tokens.TryUnprotect("botpress|tenant-b|list", token, out _).Should().BeFalse();
    }

    [Fact]
    public void A_token_from_another_instance_is_refused() =>
        new PageTokens().TryUnprotect("s", _tokens.Protect("s", "1|a"), out _).Should().BeFalse();

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData(".")]
    [InlineData("Zm9v.")]
    [InlineData("Zm9v.YmFy")]
    [InlineData("!!!.???")]
    public void Forged_tokens_are_refused(string forged) =>
        _tokens.TryUnprotect("s", forged, out _).Should().BeFalse();

    [Fact]
    public void An_altered_payload_is_refused()
    {
        var token = _tokens.Protect("s", "1|a");
        var altered = "Mnxh" + token[token.IndexOf('.')..]; // base64url("2|a")

        _tokens.TryUnprotect("s", altered, out _).Should().BeFalse();
    }

    [Fact]
    public void Remembered_tokens_go_with_their_key()
    {
        var token = _tokens.Protect("s", "1|a");
        _tokens.TryUnprotect("s", token, out _).Should().BeTrue("verified once, and remembered");
        _tokens.Protect("s", "1|a").Should().Be(token, "the same position in the same list gets the same token");
        _tokens.TryUnprotect("other", token, out _).Should().BeFalse("remembered for its own scope only");

        var other = new PageTokens();
        _tokens.ImportKey(PageTokens.ParseKey(other.ExportKey())!);

        _tokens.TryUnprotect("s", token, out _).Should().BeFalse("a token of the replaced key, remembered or not, no longer verifies");
        _tokens.Protect("s", "1|a").Should().Be(other.Protect("s", "1|a"));
    }
}
