using System.Text.Json.Nodes;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using static Switchyard.Braze.Tests.Delivery.Updates;

namespace Switchyard.Braze.Tests.Client;

public sealed class BrazeTrackClientTests : SandboxFixture
{
    private static BrazeTrackRequest Pack(params (long, BrazeUserUpdate)[] items) =>
        Assert.Single(BrazeRequestPacker.Pack(items, BrazeBatchRule.Combined75));

    private static BrazeTrackRequest ThreeUsers() =>
        Pack((1, User("u1", events: 1)), (2, User("u2", purchases: 1)), (3, User("u3", events: 2)));

    private async Task<BrazeSendResult> SendAsync(BrazeTrackRequest request, string key = Key)
    {
        using var http = new HttpClient();
        return await NewClient(http, key).SendAsync(request, CancellationToken.None);
    }

    private async Task<JsonNode> RequestLogAsync() =>
        JsonNode.Parse(await Control.GetStringAsync("_sandbox/requests?path=/users/track"))!;

    [Fact]
    public async Task A_valid_request_delivers_every_item_and_reports_the_rate_limit_headers()
    {
        var result = await SendAsync(ThreeUsers());

        Assert.Equal(201, result.StatusCode);
        Assert.Equal([1L, 2, 3], result.Outcomes.Select(o => o.ItemId));
        Assert.All(result.Outcomes, o => Assert.IsType<Delivered>(o.Outcome));
        Assert.NotNull(result.RateLimit);
        Assert.Equal(3000, result.RateLimit.Limit);
        Assert.Equal(2999, result.RateLimit.Remaining);
        Assert.Equal(Time.GetUtcNow().AddSeconds(3), result.RateLimit.Reset);
        Assert.Null(result.PauseUntil);
        var users = JsonNode.Parse(await Control.GetStringAsync("_sandbox/users"))!;
        Assert.Equal(3, users["users"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_partial_201_rejects_exactly_the_items_whose_objects_braze_named()
    {
        // Purchase index 1 (user b, quantity 500 > 100) and event index 2 (user c, reserved property) are invalid.
        var badEvent = User("c", attributes: false) with
        {
            Events = [new BrazeEvent("Played", Switchyard.Braze.Tests.Delivery.Updates.Time, [new BrazeProperty("time", new BrazeString("x"))])],
        };
        var request = Pack(
            (10, User("a", events: 2, purchases: 1)),
            (11, User("b", purchases: 1, quantity: 500)),
            (12, badEvent),
            (13, User("d", events: 1, purchases: 1)));

        var result = await SendAsync(request);

        Assert.Equal(201, result.StatusCode);
        Assert.IsType<Delivered>(result.OutcomeOf(10));
        var b = Assert.IsType<Rejected>(result.OutcomeOf(11));
        Assert.Contains("quantity", b.Reason, StringComparison.Ordinal);
        Assert.Contains("purchases[1]", b.Reason, StringComparison.Ordinal);
        var c = Assert.IsType<Rejected>(result.OutcomeOf(12));
        Assert.Contains("events[2]", c.Reason, StringComparison.Ordinal);
        Assert.IsType<Delivered>(result.OutcomeOf(13));
    }

    [Fact]
    public async Task A_400_for_an_all_invalid_request_rejects_every_item_with_its_error_type()
    {
        var request = Pack((1, User("a", attributes: false, purchases: 1, quantity: 500)), (2, User("b", attributes: false, purchases: 2, quantity: 0)));

        var result = await SendAsync(request);

        Assert.Equal(400, result.StatusCode);
        Assert.All(result.Outcomes, o => Assert.Contains("quantity", Assert.IsType<Rejected>(o.Outcome).Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_key_rejects_every_item_and_the_reason_names_the_status_but_not_the_key()
    {
        var result = await SendAsync(ThreeUsers(), key: "wrong-key-1234");

        Assert.Equal(401, result.StatusCode);
        Assert.All(result.Outcomes, o =>
        {
            var rejected = Assert.IsType<Rejected>(o.Outcome);
            Assert.StartsWith("401: Invalid API key", rejected.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-key", rejected.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_body_over_4_mb_is_rejected_with_a_reason_that_says_to_split()
    {
        var text = new string('x', 250);
        var huge = User("big", attributes: false) with
        {
            Attributes = Enumerable.Range(0, 17_000).Select(i => new BrazeProperty($"attr_{i}", new BrazeString(text))).ToArray(),
        };
        var request = Pack((1, huge));
        Assert.True(request.Body.Length > 4 * 1024 * 1024);

        var result = await SendAsync(request);

        Assert.Equal(413, result.StatusCode);
        Assert.Contains("split", Assert.IsType<Rejected>(result.OutcomeOf(1)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_makes_every_item_retryable_after_the_advertised_reset_and_pauses_the_key_until_then()
    {
        await FaultAsync(new { kind = "status", status = 429, retry_after_seconds = 10 });

        var result = await SendAsync(ThreeUsers());

        Assert.Equal(429, result.StatusCode);
        var reset = Time.GetUtcNow().AddSeconds(10);
        Assert.Equal(reset, result.PauseUntil);
        Assert.Equal(reset, result.RateLimit?.Reset);
        Assert.Equal(0, result.RateLimit?.Remaining);
        Assert.All(result.Outcomes, o => Assert.Equal(TimeSpan.FromSeconds(10), Assert.IsType<Retryable>(o.Outcome).RetryAfter));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_server_error_makes_every_item_retryable_without_a_wait(int status)
    {
        await FaultAsync(new { kind = "status", status });

        var result = await SendAsync(ThreeUsers());

        Assert.Equal(status, result.StatusCode);
        Assert.Equal(3, result.Outcomes.Count);
        Assert.All(result.Outcomes, o =>
        {
            var retryable = Assert.IsType<Retryable>(o.Outcome);
            Assert.Null(retryable.RetryAfter);
            Assert.StartsWith($"{status}: ", retryable.Reason, StringComparison.Ordinal);
        });
        Assert.Null(result.PauseUntil);
    }

    [Fact]
    public async Task A_response_slower_than_the_client_timeout_makes_every_item_retryable()
    {
        // The latency fault waits on the sandbox's fake clock, which never moves: only the client's timeout ends it.
        await FaultAsync(new { kind = "latency", latency_ms = 60_000 });
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var result = await NewClient(http).SendAsync(ThreeUsers(), CancellationToken.None);

        Assert.Null(result.StatusCode);
        Assert.All(result.Outcomes, o => Assert.Contains("timeout", Assert.IsType<Retryable>(o.Outcome).Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_thrown_not_turned_into_an_outcome()
    {
        await FaultAsync(new { kind = "latency", latency_ms = 60_000 });
        using var http = new HttpClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NewClient(http).SendAsync(ThreeUsers(), cancel.Token));
    }

    [Fact]
    public async Task A_dropped_connection_makes_every_item_retryable()
    {
        await FaultAsync(new { kind = "drop" });

        var result = await SendAsync(ThreeUsers());

        Assert.Null(result.StatusCode);
        Assert.All(result.Outcomes, o => Assert.StartsWith("connection error", Assert.IsType<Retryable>(o.Outcome).Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_request_is_a_bearer_authenticated_json_post_to_users_track()
    {
        await SendAsync(ThreeUsers());

        var entry = Assert.Single((await RequestLogAsync())["requests"]!.AsArray())!;
        Assert.Equal("POST", (string?)entry["method"]);
        Assert.Equal("/users/track", (string?)entry["path"]);
        Assert.Equal(201, (int?)entry["status"]);
        Assert.Equal("****0001", (string?)entry["api_key"]);
        Assert.StartsWith("application/json", (string?)entry["content_type"], StringComparison.Ordinal);
    }
}
