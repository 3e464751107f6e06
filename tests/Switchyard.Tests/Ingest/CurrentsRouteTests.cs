using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

/// <summary><c>POST /v2/currents</c>: Braze's Custom HTTP Currents connector, over loopback into a real host.</summary>
public sealed class CurrentsRouteTests
{
    private static readonly InputFeed BrazeFeed = TestService.Feed("braze") with { Kind = InputFeedKind.BrazeIos, BrazeWorkspace = "ag-1" };

    [Fact]
    public async Task A_request_with_a_bearer_key_and_secret_is_202_and_each_event_is_stored_as_an_mparticle_batch()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        var now = Now();

        using var response = await PostAsync(service, Body(Event("ev-1", "u-1", now), Event("ev-2", "u-1", now, "users.messages.email.Send")), Bearer("braze-key:" + TestService.Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(response.Headers.Contains("X-mp-rate-limit-percentage-used"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((2, 2, 0, 0), ((int)answer["received"]!, (int)answer["stored"]!, (int)answer["duplicates"]!, (int)answer["skipped_without_external_id"]!));
        var stored = await service.Host.Inbox.ReadAsync(0, 10, default);
        Assert.Equal(["Push Notification Open", "Email Sent"], stored.Select(b => EventName(b.Payload)));
        Assert.All(stored, b => Assert.Equal("braze", b.FeedId));
        using var first = JsonDocument.Parse(stored[0].Payload);
        Assert.Equal("u-1", first.RootElement.GetProperty("user_identities").GetProperty("customerid").GetString());
        Assert.Equal("ev-1", first.RootElement.GetProperty("events")[0].GetProperty("data").GetProperty("source_message_id").GetString());
    }

    [Fact]
    public async Task Http_basic_with_the_feed_s_key_and_secret_is_accepted_too()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);

        using var response = await PostAsync(service, Body(Event("ev-1", "u-1", Now())), TestService.Basic("braze-key", TestService.Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer braze-key:wrong-secret", HttpStatusCode.Forbidden, "FORBIDDEN")]
    [InlineData("Bearer nobody-key:" + TestService.Secret, HttpStatusCode.Forbidden, "FORBIDDEN")]
    [InlineData("Bearer just-a-token", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData("Digest abc", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData("", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    public async Task Bad_credentials_are_refused_as_the_events_api_refuses_them(string authorization, HttpStatusCode status, string code)
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        using var request = Request(Body(Event("ev-1", "u-1", Now())));
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await service.Client.SendAsync(request);

        await AssertErrorAsync(response, status, code);
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.Equal(["Bearer", "Basic"], response.Headers.WwwAuthenticate.Select(h => h.Scheme));
        }

        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task A_wrong_basic_secret_is_403()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);

        using var response = await PostAsync(service, Body(Event("ev-1", "u-1", Now())), TestService.Basic("braze-key", "not-the-secret"));

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task A_feed_of_kind_events_is_refused_with_403_saying_the_route_is_for_braze_feeds()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("app"), BrazeFeed);

        using var response = await PostAsync(service, Body(Event("ev-1", "u-1", Now())), Bearer("app-key:" + TestService.Secret));

        var message = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "NOT_A_BRAZE_FEED");
        Assert.Contains("/v2/currents is for Braze feeds", message, StringComparison.Ordinal);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task The_events_api_routes_still_refuse_bearer_credentials()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);

        using var response = await PostAsync(service, BrazeFeedDedupeTests.CurrentsBatch("u-1", Now() * 1000, "ev-1"), Bearer("braze-key:" + TestService.Secret), "/v2/events");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task More_than_100_events_is_a_400_naming_events_and_100_are_accepted()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        var now = Now();

        using var tooMany = await PostAsync(service, Body([.. Enumerable.Range(0, 101).Select(i => Event("ev-" + i, "u-1", now))]), Bearer("braze-key:" + TestService.Secret));
        using var hundred = await PostAsync(service, Body([.. Enumerable.Range(0, 100).Select(i => Event("ev-" + i, "u-1", now))]), Bearer("braze-key:" + TestService.Secret));

        var message = await AssertErrorAsync(tooMany, HttpStatusCode.BadRequest, "TOO_MANY_EVENTS");
        Assert.StartsWith("events: ", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, hundred.StatusCode);
        Assert.Equal(100, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task An_invalid_event_is_a_400_naming_its_field_and_nothing_of_the_request_is_stored()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        var bad = Event("ev-2", "u-1", Now());
        bad["time"] = "yesterday";

        using var response = await PostAsync(service, Body(Event("ev-1", "u-1", Now()), bad), Bearer("braze-key:" + TestService.Secret));

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.StartsWith("events[1].time: ", message, StringComparison.Ordinal);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task A_body_over_256_KB_is_413_and_a_non_json_content_type_is_415()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        var big = Event("ev-1", "u-1", Now());
        big["properties"] = new JsonObject { ["pad"] = new string('x', 300 * 1024) };

        using var tooLarge = await PostAsync(service, Body(big), Bearer("braze-key:" + TestService.Secret));
        using var plain = Request(Body(Event("ev-1", "u-1", Now())));
        plain.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        plain.Headers.Authorization = Bearer("braze-key:" + TestService.Secret);
        using var wrongType = await service.Client.SendAsync(plain);

        await AssertErrorAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE");
        await AssertErrorAsync(wrongType, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task The_same_request_posted_twice_counts_each_distinct_event_id_once_on_the_profile()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        var now = Now();
        var body = Body(Event("ev-1", "u-7", now - 2), Event("ev-2", "u-7", now - 1), Event("ev-2", "u-7", now - 1), Event("ev-3", "u-7", now));

        using var first = await PostAsync(service, body, Bearer("braze-key:" + TestService.Secret));
        using var redelivered = await PostAsync(service, body, Bearer("braze-key:" + TestService.Secret));

        Assert.Equal((4, 3, 1), Counts(JsonNode.Parse(await first.Content.ReadAsStringAsync())!));
        Assert.Equal((4, 0, 4), Counts(JsonNode.Parse(await redelivered.Content.ReadAsStringAsync())!));
        await BrazeFeedDedupeTests.WaitForAsync(service, "/admin/processing", p => (long)p["processed_batches"]! == 3);
        var profile = await BrazeFeedDedupeTests.WaitForAsync(service, "/admin/profiles?identity=customer_id&value=u-7", _ => true);
        var opens = profile["events"]!.AsArray().Single(e => (string?)e!["key"] == "custom_event:Push Notification Open")!;
        Assert.Equal(3, (int)opens["total"]!);
    }

    [Fact]
    public async Task An_audience_on_push_notification_open_picks_up_the_user_braze_reports()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        using var defined = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/501", """
            {"id":501,"name":"Push openers","criteria":{"and":[
              {"event":{"type":"custom_event","name":"Push Notification Open"},"count":{"operator":"at_least","value":1},"within_days":30}]}}
            """);
        Assert.Equal(HttpStatusCode.Created, defined.StatusCode);

        using var response = await PostAsync(service, Body(Event("ev-1", "opener", Now())), Bearer("braze-key:" + TestService.Secret));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var profile = await BrazeFeedDedupeTests.WaitForAsync(service, "/admin/profiles?identity=customer_id&value=opener", p => p["audiences"]!.AsArray().Count == 1);
        Assert.Equal(501, (int)profile["audiences"]![0]!["id"]!);
    }

    [Fact]
    public async Task An_event_id_already_stored_through_the_mparticle_format_is_a_duplicate_here_and_the_other_way_round()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);
        var now = Now();

        using var viaMparticle = await service.PostAsync("/v2/events", BrazeFeedDedupeTests.CurrentsBatch("u-1", now * 1000, "ev-1"), "braze");
        using var viaCurrents = await PostAsync(service, Body(Event("ev-1", "u-1", now), Event("ev-2", "u-1", now)), Bearer("braze-key:" + TestService.Secret));
        using var backAgain = await service.PostAsync("/v2/events", BrazeFeedDedupeTests.CurrentsBatch("u-1", now * 1000, "ev-2"), "braze");

        Assert.Equal(HttpStatusCode.Accepted, viaMparticle.StatusCode);
        Assert.Equal((2, 1, 1), Counts(JsonNode.Parse(await viaCurrents.Content.ReadAsStringAsync())!));
        Assert.Equal(HttpStatusCode.Accepted, backAgain.StatusCode);
        Assert.Equal(2, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task The_converted_batches_carry_the_feed_s_environment()
    {
        await using var service = await TestService.StartAsync(BrazeFeed with { Environment = "development" });

        using var response = await PostAsync(service, Body(Event("ev-1", "u-1", Now())), Bearer("braze-key:" + TestService.Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var stored = JsonDocument.Parse(Assert.Single(await service.Host.Inbox.ReadAsync(0, 10, default)).Payload);
        Assert.Equal("development", stored.RootElement.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Events_without_an_external_user_id_are_answered_202_counted_and_not_stored()
    {
        await using var service = await TestService.StartAsync(BrazeFeed);

        using var response = await PostAsync(service, Body(Event("ev-1", null, Now()), Event("ev-2", "u-1", Now())), Bearer("braze-key:" + TestService.Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((2, 1, 1), ((int)answer["received"]!, (int)answer["stored"]!, (int)answer["skipped_without_external_id"]!));
        Assert.Equal(1, await service.Host.Inbox.CountAsync(default));
    }

    internal static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    internal static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>A Currents event as the Custom HTTP connector posts it (reference/braze.md §6).</summary>
    internal static JsonObject Event(string id, string? externalUserId, long timeSeconds, string eventType = "users.messages.pushnotification.Open")
    {
        var user = new JsonObject { ["user_id"] = "braze-" + (externalUserId ?? "anon"), ["device_id"] = "dev-1", ["timezone"] = "Europe/Madrid" };
        if (externalUserId is not null)
        {
            user["external_user_id"] = externalUserId;
        }

        return new JsonObject
        {
            ["event_type"] = eventType,
            ["id"] = id,
            ["time"] = timeSeconds,
            ["user"] = user,
            ["properties"] = new JsonObject { ["app_id"] = "app-ios", ["campaign_id"] = "cmp-1", ["campaign_name"] = "Welcome", ["platform"] = "ios" },
        };
    }

    internal static string Body(params JsonNode[] events) => new JsonObject { ["events"] = new JsonArray(events) }.ToJsonString();

    internal static HttpRequestMessage Request(string json) =>
        new(HttpMethod.Post, "/v2/currents") { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    internal static async Task<HttpResponseMessage> PostAsync(TestService service, string json, AuthenticationHeaderValue authorization, string path = "/v2/currents")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = authorization;
        return await service.Client.SendAsync(request);
    }

    /// <summary>Asserts a JSON error with the status and code, and returns that error's message.</summary>
    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("code").GetString() == code);
        return error.GetProperty("message").GetString()!;
    }

    private static (int Received, int Stored, int Duplicates) Counts(JsonNode answer) =>
        ((int)answer["received"]!, (int)answer["stored"]!, (int)answer["duplicates"]!);

    private static string? EventName(ReadOnlyMemory<byte> payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("events")[0].GetProperty("data").GetProperty("event_name").GetString();
    }
}

/// <summary>The Currents counters, read from <c>/metrics</c>.</summary>
[Collection(MetricsCollection.Name)]
public sealed class CurrentsMetricsTests
{
    [Fact]
    public async Task Received_and_skipped_currents_events_are_counted_per_feed()
    {
        var feed = TestService.Feed("braze-metrics") with { Kind = InputFeedKind.BrazeUnbound };
        await using var service = await TestService.StartAsync(feed);
        var now = CurrentsRouteTests.Now();

        using var response = await CurrentsRouteTests.PostAsync(service, CurrentsRouteTests.Body(CurrentsRouteTests.Event("ev-1", null, now), CurrentsRouteTests.Event("ev-2", "u-1", now)), CurrentsRouteTests.Bearer("braze-metrics-key:" + TestService.Secret));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var received = new Regex(@"switchyard_ingest_currents_events_received_total\{[^}]*feed=""braze-metrics""[^}]*\} 2");
        var skipped = new Regex(@"switchyard_ingest_currents_events_skipped_total\{[^}]*feed=""braze-metrics""[^}]*reason=""no_external_user_id""[^}]*\} 1");
        var metrics = "";
        for (var attempt = 0; attempt < 100 && !(received.IsMatch(metrics) && skipped.IsMatch(metrics)); attempt++)
        {
            await Task.Delay(100);
            metrics = await service.Client.GetStringAsync("/metrics");
        }

        Assert.Matches(received, metrics);
        Assert.Matches(skipped, metrics);
    }
}
