using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.WebSdk;

/// <summary>The routes the mParticle Web SDK calls, over real loopback HTTP, as a page on an allowed origin (or not) calls them.</summary>
public sealed class WebSdkRoutesTests
{
    private const string WebKey = "us1-webkey0000000000000000000001";
    private const string Shop = "https://shop.example.com";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_config_names_the_input_and_carries_cors_headers_only_for_its_origins()
    {
        await using var service = await StartAsync();

        using var allowed = await SendAsync(service, HttpMethod.Get, $"/tags/JS/v2/{WebKey}/config?env=1", origin: Shop);
        using var foreign = await SendAsync(service, HttpMethod.Get, $"/tags/JS/v2/{WebKey}/config?env=1", origin: "https://evil.example.net");
        using var unknown = await SendAsync(service, HttpMethod.Get, "/tags/JS/v2/no-such-key/config", origin: Shop);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Shop, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var config = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("site", config.GetProperty("workspaceToken").GetString());
        Assert.Equal(JsonValueKind.Array, config.GetProperty("kitConfigs").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("ORIGIN_NOT_ALLOWED", await CodeAsync(foreign));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("UNKNOWN_WEB_KEY", await CodeAsync(unknown));
    }

    [Fact]
    public async Task A_preflight_is_answered_for_allowed_origins_and_refused_for_others()
    {
        await using var service = await StartAsync();

        using var allowed = await PreflightAsync(service, "/identity/v1/identify", Shop);
        using var foreign = await PreflightAsync(service, "/identity/v1/identify", "https://evil.example.net");

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Shop, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal("content-type,x-mp-key", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_page_identifies_with_its_public_key_then_its_batches_land_on_that_profile_once_each()
    {
        await using var service = await StartAsync();

        using var identify = await SendAsync(service, HttpMethod.Post, "/identity/v1/identify", origin: Shop, webKey: WebKey,
            body: """{"client_sdk":{"platform":"web","sdk_vendor":"mparticle","sdk_version":"2.68.0"},"context":null,"environment":"development","request_id":"r1","request_timestamp_ms":1764000000000,"previous_mpid":null,"known_identities":{"device_application_stamp":"das-9"}}""");
        Assert.Equal(HttpStatusCode.OK, identify.StatusCode);
        Assert.Equal(Shop, identify.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var mpid = JsonDocument.Parse(await identify.Content.ReadAsStringAsync()).RootElement.GetProperty("mpid").GetString()!;

        using var first = await SendAsync(service, HttpMethod.Post, $"/webevents/v3/JS/{WebKey}/events", origin: Shop, body: WebBatch(mpid, "req-1", "Viewed Shoes"), contentType: "text/plain");
        using var resent = await SendAsync(service, HttpMethod.Post, $"/webevents/v3/JS/{WebKey}/events", origin: Shop, body: WebBatch(mpid, "req-1", "Viewed Shoes"), contentType: "text/plain");
        using var second = await SendAsync(service, HttpMethod.Post, $"/webevents/v3/JS/{WebKey}/events", origin: Shop, body: WebBatch(mpid, "req-2", "Added Shoes"), contentType: "text/plain");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(Shop, first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var id = long.Parse(mpid, System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.HoldsAsync(async () => await service.Host.Profiles.ReadCheckpointAsync(CancellationToken.None) >= 2, Timeout, "both batches processed");
        var profile = (await service.Host.Profiles.FindProfileAsync(id, CancellationToken.None))!;
        Assert.Equal(["Added Shoes", "Viewed Shoes"], profile.Events.Keys.Select(k => k.Split(':').Last()).Order());
        Assert.Equal(2, profile.Events.Values.Sum(e => e.TotalCount));
        Assert.Equal([id], await service.Host.Profiles.ProfileMpidsAsync(null, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"events":[{"event_type":"custom_event","data":{"custom_event_type":"other"}}]}""")]
    [InlineData("""{"events":"none"}""")]
    public async Task A_batch_that_can_never_be_stored_is_answered_422_so_the_sdk_drops_it(string body)
    {
        await using var service = await StartAsync();

        using var response = await SendAsync(service, HttpMethod.Post, $"/webevents/v3/JS/{WebKey}/events", origin: Shop, body: body, contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull(await CodeAsync(response));
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Empty(await service.Host.Inbox.ReadAsync(0, 10, default));
    }

    [Fact]
    public async Task A_web_key_is_no_server_credential_and_a_wrong_key_or_origin_stores_nothing()
    {
        await using var service = await StartAsync();

        using var basic = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(Batches.CustomEvent(), Encoding.UTF8, "application/json") };
        basic.Headers.Authorization = TestService.Basic(WebKey, "");
        using var asServer = await service.Client.SendAsync(basic);
        using var wrongKey = await SendAsync(service, HttpMethod.Post, "/webevents/v3/JS/no-such-key/events", origin: Shop, body: WebBatch("1", "r", "x"), contentType: "text/plain");
        using var wrongOrigin = await SendAsync(service, HttpMethod.Post, $"/webevents/v3/JS/{WebKey}/events", origin: "https://evil.example.net", body: WebBatch("1", "r", "x"), contentType: "text/plain");
        using var identity = await SendAsync(service, HttpMethod.Post, "/identity/v1/identify", origin: Shop, webKey: "no-such-key", body: """{"known_identities":{"device_application_stamp":"d"}}""");

        Assert.Equal(HttpStatusCode.Forbidden, asServer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, identity.StatusCode);
        Assert.Empty(await service.Host.Inbox.ReadAsync(0, 10, default));
        Assert.Empty(await service.Host.Profiles.ProfileMpidsAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Forwarding_statistics_are_accepted_and_alias_requests_are_checked()
    {
        await using var service = await StartAsync();

        using var forwarding = await SendAsync(service, HttpMethod.Post, $"/webevents/v1/JS/{WebKey}/Forwarding", origin: Shop, body: """{"mid":28,"n":"Viewed","dt":4}""", contentType: "text/plain");
        using var alias = await SendAsync(service, HttpMethod.Post, $"/webevents/v1/identity/{WebKey}/Alias", origin: Shop,
            body: """{"request_id":"a","request_type":"alias","environment":"development","api_key":"k","data":{"source_mpid":"1","destination_mpid":"2","start_unixtime_ms":1,"end_unixtime_ms":2,"scope":"mpid"}}""");
        using var same = await SendAsync(service, HttpMethod.Post, $"/webevents/v1/identity/{WebKey}/Alias", origin: Shop,
            body: """{"request_type":"alias","data":{"source_mpid":"1","destination_mpid":"1"}}""");

        Assert.Equal(HttpStatusCode.Accepted, forwarding.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, alias.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Contains("data.destination_mpid", await MessageAsync(same), StringComparison.Ordinal);
    }

    private static Task<TestService> StartAsync() => TestService.StartAsync(new Workspace(
    [
        TestService.Feed("app"),
        new InputFeed("site", "Shop site", WebKey, "", null, FeedRateLimit.Default) { Kind = InputFeedKind.Web, Origins = [Shop] },
    ]));

    /// <summary>A batch as mParticle's Web SDK 2.68.0 sends it: MPID as a string, explicit nulls, browser-only fields.</summary>
    private static string WebBatch(string mpid, string requestId, string name) => $$$$"""
        {"source_request_id":"{{{{requestId}}}}","mpid":"{{{{mpid}}}}","timestamp_unixtime_ms":1764000000000,"environment":"development",
         "events":[{"event_type":"custom_event","data":{"event_name":"{{{{name}}}}","custom_event_type":"navigation","timestamp_unixtime_ms":1764000000000,
           "session_uuid":"5C6A0C40-0000-4000-8000-000000000001","session_start_unixtime_ms":1763999990000,"custom_attributes":null,"location":null,
           "source_message_id":"m-{{{{requestId}}}}","active_time_on_site_ms":1200,"custom_flags":{}}}],
         "mp_deviceid":"das-9","sdk_version":"2.68.0","application_info":{"application_name":null,"application_version":null,"sideloaded_kits_count":0},
         "device_info":{"platform":"web","screen_width":1280,"screen_height":720},"user_attributes":{},"user_identities":null,
         "consent_state":null,"integration_attributes":{}}
        """;

    private static async Task<HttpResponseMessage> SendAsync(TestService service, HttpMethod method, string path, string? origin = null, string? body = null, string contentType = "application/json", string? webKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (webKey is not null)
        {
            request.Headers.Add("x-mp-key", webKey);
        }

        return await service.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(TestService service, string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-mp-key");
        return await service.Client.SendAsync(request);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("code").GetString();

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!;
}
