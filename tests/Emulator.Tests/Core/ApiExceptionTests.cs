using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Tests.Core;

/// <summary>Errors quote what clients sent: a quote is cut, so a 5 MB value is not answered, logged and journalled again.</summary>
public sealed class ApiExceptionTests
{
    [Fact]
    public void Texts_over_the_limit_are_cut_in_a_copy_and_the_rest_is_kept()
    {
        var stored = new JsonObject { ["key"] = new string('k', 10_000) };
        var body = new JsonObject
        {
            ["message"] = "key: \"" + new string('k', 10_000) + "\" already exists",
            ["data"] = new JsonArray(stored),
            ["code"] = 409,
        };

        var error = new ApiException(409, body);

        var message = error.Body["message"]!.GetValue<string>();
        message.Should().StartWith("key: \"kkk").And.EndWith($"… ({10_000 + 22 - ApiException.MaxTextLength} more characters)");
        message.Length.Should().BeLessThan(ApiException.MaxTextLength + 40);
        error.Body["data"]![0]!["key"]!.GetValue<string>().Should().HaveLength(ApiException.MaxTextLength + "… (7952 more characters)".Length);
        error.Body["code"]!.GetValue<int>().Should().Be(409);
        stored["key"]!.GetValue<string>().Should().HaveLength(10_000, "the node given (it may be state) is not changed");
        error.Message.Length.Should().BeLessThan(3 * ApiException.MaxTextLength);
    }

    [Fact]
    public void A_short_error_is_kept_as_given()
    {
        var body = new JsonObject { ["message"] = "not found" };

        new ApiException(404, body).Body.Should().BeSameAs(body);
    }
}
