using System.Net;
using Switchyard.Sandbox.Tests.Http;
using static Switchyard.Sandbox.Tests.WebSdk.WebSdkCall;

namespace Switchyard.Sandbox.Tests.WebSdk;

/// <summary>The browser's side: preflights, <c>Access-Control-Allow-Origin</c> on every answer, allowed origins.</summary>
public sealed class WebSdkCorsTests
{
    private const string Page = "http://127.0.0.1:5173";

    [Fact]
    public async Task A_preflight_is_answered_with_the_origin_post_and_the_requested_headers()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, "api/v3/data/");
        request.Headers.Add("Origin", Page);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-braze-api-key,x-requested-with");

        using var response = await sandbox.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Page, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("content-type,x-braze-api-key,x-requested-with", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task Successes_refusals_and_dropped_answers_all_carry_the_allow_origin_header()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (okStatus, _, ok) = await PostAsync(sandbox, Envelope("\"events\":[]"), origin: Page);
        var (badStatus, _, bad) = await PostAsync(sandbox, Envelope("\"events\":7"), origin: Page);
        var (_, dropped, droppedHeaders) = await PostAsync(sandbox, Envelope("\"events\":[]"), key: "wrong", origin: Page);
        var (_, _, noOrigin) = await PostAsync(sandbox, Envelope("\"events\":[]"));

        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("invalid_api_key", (string?)dropped!["error"]);
        Assert.Equal(Page, ok.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(Page, bad.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(Page, droppedHeaders.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("*", noOrigin.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task With_allowed_origins_configured_another_origin_is_refused_with_403_and_no_allow_origin()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.SdkAllowedOrigins.Add("https://shop.example"));

        var (allowedStatus, _, allowed) = await PostAsync(sandbox, Envelope("\"attributes\":[{\"user_id\":\"ada\",\"first_name\":\"Ada\"}]"), origin: "https://shop.example");
        var (foreignStatus, foreign, foreignHeaders) = await PostAsync(sandbox, Envelope("\"attributes\":[{\"user_id\":\"eve\",\"first_name\":\"Eve\"}]"), origin: "https://evil.example");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/v3/data/");
        preflight.Headers.Add("Origin", "https://evil.example");
        using var preflightAnswer = await sandbox.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, allowedStatus);
        Assert.Equal("https://shop.example", allowed.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, foreignStatus);
        Assert.Equal("Origin", (string?)foreign!["field"]);
        Assert.False(foreignHeaders.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, preflightAnswer.StatusCode);
        Assert.Equal(1, await UserCountAsync(sandbox));
    }

    [Fact]
    public async Task Rest_routes_get_no_cors_headers()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/track")
        {
            Content = new StringContent("""{"attributes":[{"external_id":"u1","a":1}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", SandboxHttp.FullKey);
        request.Headers.Add("Origin", Page);

        using var response = await sandbox.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
