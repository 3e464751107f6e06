using System.Net;
using System.Net.Http.Headers;
using Switchyard.Cli;

namespace Switchyard.Tests.Cli;

/// <summary>How long the CLI waits before sending a request again.</summary>
public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void A_retry_after_in_seconds_is_waited_as_given()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.After(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now));
    }

    [Fact]
    public void A_retry_after_date_is_waited_until_and_a_past_date_not_at_all()
    {
        Assert.Equal(TimeSpan.FromSeconds(12), RetryDelay.After(3, new RetryConditionHeaderValue(Now.AddSeconds(12)), Now));
        Assert.Equal(TimeSpan.Zero, RetryDelay.After(3, new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now));
    }

    [Fact]
    public void A_retry_after_of_hours_is_capped_at_30_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.After(1, new RetryConditionHeaderValue(TimeSpan.FromHours(2)), Now));
    }

    [Fact]
    public void Without_retry_after_the_wait_doubles_from_half_a_second_up_to_30_seconds()
    {
        var waits = Enumerable.Range(1, 9).Select(a => RetryDelay.After(a, null, Now).TotalMilliseconds);

        Assert.Equal([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000], waits);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Accepted, false)]
    public void Only_429_and_5xx_are_retried(HttpStatusCode status, bool retried)
    {
        Assert.Equal(retried, RetryDelay.IsRetryable(status));
    }
}
