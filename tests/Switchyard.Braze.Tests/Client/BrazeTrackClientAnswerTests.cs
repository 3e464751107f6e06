using Microsoft.Extensions.Time.Testing;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using static Switchyard.Braze.Tests.Delivery.Updates;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Client;

/// <summary>Answers the sandbox never gives, from <see cref="ScriptedBrazeServer"/>: the client must read them without throwing.</summary>
public sealed class BrazeTrackClientAnswerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    private static BrazeTrackRequest TwoUsers() =>
        Assert.Single(BrazeRequestPacker.Pack([(1, User("a", events: 1)), (2, User("b", purchases: 1))], BrazeBatchRule.Combined75));

    private async Task<BrazeSendResult> SendAsync(int status, string body, string contentType = "application/json", params (string, string)[] headers)
    {
        await using var server = await ScriptedBrazeServer.StartAsync(status, body, contentType, headers);
        using var http = new HttpClient();
        var settings = Parsed($"{{\"restApiKey\":\"k\",\"instance\":\"Custom\",\"customRestEndpoint\":\"{server.BaseAddress}\"}}");
        return await new BrazeTrackClient(http, settings, _time).SendAsync(TwoUsers(), CancellationToken.None);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    public async Task A_200_or_202_without_errors_delivers_every_item(int status)
    {
        var result = await SendAsync(status, """{"message":"queued"}""");

        Assert.All(result.Outcomes, o => Assert.IsType<Delivered>(o.Outcome));
    }

    [Fact]
    public async Task A_proxy_error_page_is_retryable_and_does_not_throw()
    {
        var result = await SendAsync(502, "<html><body>Bad Gateway</body></html>", "text/html");

        Assert.All(result.Outcomes, o => Assert.Equal("502: (no message)", Assert.IsType<Retryable>(o.Outcome).Reason));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2]")]
    [InlineData("""{"message":42,"errors":"nope"}""")]
    [InlineData("""{"message":"success","errors":[{"type":"bad","input_array":"widgets","index":0},{"type":"bad","input_array":"events","index":99},{"type":"bad","input_array":"events","index":"0"},7]}""")]
    public async Task A_201_with_an_odd_body_delivers_every_item_it_cannot_attribute_an_error_to(string body)
    {
        var result = await SendAsync(201, body);

        Assert.Equal(201, result.StatusCode);
        Assert.All(result.Outcomes, o => Assert.IsType<Delivered>(o.Outcome));
    }

    [Fact]
    public async Task An_oversized_answer_is_read_only_in_part_and_counts_as_no_message()
    {
        var result = await SendAsync(500, $$"""{"message":"{{new string('m', 1024 * 1024)}}"}""");

        Assert.All(result.Outcomes, o => Assert.Equal("500: (no message)", Assert.IsType<Retryable>(o.Outcome).Reason));
    }

    [Fact]
    public async Task A_429_without_a_reset_header_waits_for_retry_after()
    {
        var result = await SendAsync(429, "", "application/json", ("Retry-After", "7"));

        Assert.Equal(_time.GetUtcNow().AddSeconds(7), result.PauseUntil);
        Assert.All(result.Outcomes, o => Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<Retryable>(o.Outcome).RetryAfter));
    }

    [Fact]
    public async Task A_429_with_upper_case_headers_prefers_the_reset_over_retry_after()
    {
        var reset = _time.GetUtcNow().AddSeconds(4);
        var result = await SendAsync(
            429, """{"message":"API rate limit exceeded"}""", "application/json",
            ("X-RateLimit-Limit", "3000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Retry-After", "60"));

        Assert.Equal(new BrazeRateLimitHeaders(3000, 0, reset), result.RateLimit);
        Assert.Equal(reset, result.PauseUntil);
        Assert.All(result.Outcomes, o => Assert.Equal(TimeSpan.FromSeconds(4), Assert.IsType<Retryable>(o.Outcome).RetryAfter));
    }

    [Fact]
    public async Task A_429_without_any_hint_is_retryable_with_no_wait_and_no_pause()
    {
        var result = await SendAsync(429, "slow down", "text/plain", ("x-ratelimit-reset", "soon"));

        Assert.Null(result.PauseUntil);
        Assert.Null(result.RateLimit);
        Assert.All(result.Outcomes, o => Assert.Null(Assert.IsType<Retryable>(o.Outcome).RetryAfter));
    }

    [Theory]
    [InlineData(403, "Access Denied")]
    [InlineData(404, "Not Found")]
    public async Task Other_client_errors_reject_every_item_naming_status_and_message(int status, string message)
    {
        var result = await SendAsync(status, $$"""{"message":"{{message}}"}""");

        Assert.All(result.Outcomes, o => Assert.Equal($"{status}: {message}", Assert.IsType<Rejected>(o.Outcome).Reason));
    }

    [Fact]
    public async Task A_400_without_errors_rejects_every_item_with_brazes_message()
    {
        var result = await SendAsync(400, """{"message":"Max Input Length Exceeded"}""");

        Assert.All(result.Outcomes, o => Assert.Equal("400: Max Input Length Exceeded", Assert.IsType<Rejected>(o.Outcome).Reason));
    }
}
