using System.Net;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Tests.Http;
using static Switchyard.Sandbox.Tests.WebSdk.WebSdkCall;

namespace Switchyard.Sandbox.Tests.WebSdk;

/// <summary>Keys, device ids and malformed bodies: what the SDK is told, and that nothing of a refused body is kept.</summary>
public sealed class WebSdkRefusalTests
{
    private const string OneEvent = """
        "events":[{"name":"ce","time":1767225600,"data":{"n":"Opened"},"user_id":"ada"}]
        """;

    [Theory]
    [InlineData("wrong-key")]
    [InlineData(null)]
    public async Task An_unknown_or_missing_sdk_key_gets_the_invalid_api_key_answer_the_sdk_drops_and_nothing_is_written(string? key)
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        var body = $$$"""{"time":1,"device_id":"d","{{{(key is null ? "x" : "api_key")}}}":"{{{key}}}",{{{OneEvent}}}}""";

        var (status, answer, _) = await PostAsync(sandbox, body, key: key);

        // A 2xx: the SDK re-sends after any other status, and would do so forever.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("invalid_api_key", (string?)answer!["error"]);
        Assert.Equal(0, await UserCountAsync(sandbox));
    }

    [Fact]
    public async Task A_rest_key_is_not_an_sdk_key()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (_, answer, _) = await PostAsync(sandbox, Envelope(OneEvent), key: SandboxHttp.FullKey);

        Assert.Equal("invalid_api_key", (string?)answer!["error"]);
    }

    [Fact]
    public async Task The_body_api_key_is_used_when_the_header_is_missing_and_configured_keys_replace_the_default()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.SdkApiKeys.Add("shop-web-key"));

        var (_, byBody, _) = await PostAsync(sandbox, $$$"""{"api_key":"shop-web-key","device_id":"d",{{{OneEvent}}}}""", key: null);
        var (_, byDefault, _) = await PostAsync(sandbox, Envelope(OneEvent));

        Assert.Equal("{}", byBody!.ToJsonString());
        Assert.Equal("invalid_api_key", (string?)byDefault!["error"]);
    }

    [Fact]
    public async Task A_body_without_a_device_id_gets_the_no_device_identifier_answer()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, answer, _) = await PostAsync(sandbox, $$$"""{"api_key":"{{{SandboxOptions.DefaultSdkApiKey}}}",{{{OneEvent}}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("no_device_identifier", (string?)answer!["error"]);
        Assert.Equal(0, await UserCountAsync(sandbox));
    }

    [Theory]
    [InlineData("\"events\":{\"name\":\"ce\"}", "events")]
    [InlineData("\"attributes\":\"x\"", "attributes")]
    [InlineData("\"events\":[7]", "events[0]")]
    [InlineData("\"events\":[{\"time\":1,\"data\":{\"n\":\"x\"}}]", "events[0].name")]
    [InlineData("\"events\":[{\"name\":\"ce\",\"data\":{\"n\":\"x\"}}]", "events[0].time")]
    [InlineData("\"events\":[{\"name\":\"ce\",\"time\":\"yesterday\",\"data\":{\"n\":\"x\"}}]", "events[0].time")]
    [InlineData("\"events\":[{\"name\":\"ce\",\"time\":1,\"data\":{}}]", "events[0].data.n")]
    [InlineData("\"events\":[{\"name\":\"ce\",\"time\":1,\"data\":{\"n\":\"x\",\"p\":[1]}}]", "events[0].data.p")]
    [InlineData("\"events\":[{\"name\":\"ce\",\"time\":1,\"data\":\"x\"}]", "events[0].data")]
    [InlineData("\"events\":[{\"name\":\"p\",\"time\":1,\"data\":{\"pid\":\"s\",\"c\":\"USD\",\"p\":\"cheap\"}}]", "events[0].data.p")]
    [InlineData("\"events\":[{\"name\":\"p\",\"time\":1,\"data\":{\"pid\":\"s\",\"c\":\"USD\",\"p\":\"1.00\",\"q\":0}}]", "events[0].data.q")]
    [InlineData("\"events\":[{\"name\":\"p\",\"time\":1,\"data\":{\"pid\":\"s\",\"c\":\"USD\",\"p\":\"1.00\",\"q\":101}}]", "events[0].data.q")]
    [InlineData("\"events\":[{\"name\":\"p\",\"time\":1,\"data\":{\"pid\":\"s\",\"c\":\"USD\",\"p\":\"1.00\",\"q\":1.5}}]", "events[0].data.q")]
    [InlineData("\"events\":[{\"name\":\"p\",\"time\":1,\"data\":{\"c\":\"USD\",\"p\":\"1.00\"}}]", "events[0].data.pid")]
    [InlineData("\"events\":[{\"name\":\"inc\",\"time\":1,\"data\":{\"key\":\"n\",\"value\":\"one\"}}]", "events[0].data.value")]
    [InlineData("\"events\":[{\"name\":\"add\",\"time\":1,\"data\":{\"key\":\"n\",\"value\":{}}}]", "events[0].data.value")]
    [InlineData("\"events\":[{\"name\":\"set\",\"time\":1,\"data\":{\"value\":1}}]", "events[0].data.key")]
    [InlineData("\"events\":[{\"name\":\"set\",\"time\":1,\"data\":{\"key\":\"external_id\",\"value\":\"bob\"}}]", "events[0].data.key")]
    [InlineData("\"attributes\":[{\"custom\":[1]}]", "attributes[0].custom")]
    [InlineData("\"attributes\":[{\"custom\":{\"email\":\"x@example.com\"}}]", "attributes[0].custom.email")]
    [InlineData("\"user_id\":42", "user_id")]
    public async Task A_malformed_body_is_refused_with_400_naming_the_field(string members, string field)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, answer, _) = await PostAsync(sandbox, Envelope(members));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, (string?)answer!["field"]);
        Assert.Contains(field, (string?)answer["message"], StringComparison.Ordinal);
        Assert.Equal(0, await UserCountAsync(sandbox));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_400()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, answer, _) = await PostAsync(sandbox, "events=ce");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("body", (string?)answer!["field"]);
    }

    [Fact]
    public async Task An_object_the_rest_rules_refuse_refuses_the_whole_body_so_a_resend_cannot_apply_the_rest_twice()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, answer, _) = await PostAsync(sandbox, Envelope("""
            "attributes":[{"user_id":"ada","first_name":"Ada"}],
            "events":[{"name":"ce","time":1767225600,"data":{"n":"Fine"},"user_id":"ada"},
                      {"name":"ce","time":1767225600,"data":{"n":"Bad","p":{"$reserved":1}},"user_id":"ada"}]
            """));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("events[1]", (string?)answer!["field"]);
        Assert.Equal(0, await UserCountAsync(sandbox));
        Assert.Equal(0, await sandbox.DataPointsAsync(SandboxOptions.DefaultSdkApiKey));
    }

    [Fact]
    public async Task An_invalid_email_in_attributes_is_refused_naming_the_object()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, answer, _) = await PostAsync(sandbox, Envelope("""
            "attributes":[{"user_id":"ada","email":"not-an-email"}]
            """));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("attributes[0]", (string?)answer!["field"]);
        Assert.Contains("email", (string?)answer["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_keys_and_origins_are_checked_at_start_naming_the_option()
    {
        var key = new SandboxOptions();
        key.SdkApiKeys.Add("has space");
        var origin = new SandboxOptions();
        origin.SdkAllowedOrigins.Add("https://shop.example/path");

        Assert.Contains("SdkApiKeys[0]", Assert.Throws<ArgumentException>(() => SandboxSettings.From(key)).Message, StringComparison.Ordinal);
        Assert.Contains("SdkAllowedOrigins[0]", Assert.Throws<ArgumentException>(() => SandboxSettings.From(origin)).Message, StringComparison.Ordinal);
    }
}
