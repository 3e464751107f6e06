using System.Net;
using Switchyard.Sandbox.Tests.Http;
using static Switchyard.Sandbox.Tests.WebSdk.WebSdkCall;

namespace Switchyard.Sandbox.Tests.WebSdk;

/// <summary>Content cards, feature flags and banners: the empty answers, behind the same key check.</summary>
public sealed class WebSdkSyncTests
{
    [Theory]
    [InlineData("/api/v3/content_cards/sync", """{"cards":[],"full_sync":true}""")]
    [InlineData("/api/v3/feature_flags/sync", """{"feature_flags":[]}""")]
    [InlineData("/api/v3/banners/sync", """{"banners":{}}""")]
    public async Task Each_sync_route_answers_its_empty_form(string path, string expected)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body, headers) = await PostAsync(sandbox, Envelope("\"last_full_sync_at\":0"), path: path, origin: "http://127.0.0.1:5173");
        var (_, refused, _) = await PostAsync(sandbox, Envelope("\"last_full_sync_at\":0"), key: "wrong", path: path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body!.ToJsonString());
        Assert.Equal("http://127.0.0.1:5173", headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("invalid_api_key", (string?)refused!["error"]);
    }
}
