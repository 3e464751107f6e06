using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Currents;

public sealed class CurrentsDeliveryTests
{
    private const string TwoSends = """{"segment":"gold","campaign_name":"Retry me","channel":"email"}""";

    [Fact]
    public async Task A_503_is_retried_after_the_backoff_with_the_same_batches_and_nothing_is_lost_or_duplicated()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var scenario = await CurrentsScenario.StartAsync(time: time);
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();
        scenario.Receiver.AnswerNext(503, 503);

        var (status, _) = await scenario.SendCampaignAsync(TwoSends);
        Assert.Equal(HttpStatusCode.Accepted, status);
        // The backoff runs on the sandbox clock: nothing is retried until it moves.
        var final = await scenario.WaitUntilIdleAsync(delivered: 2, between: () => time.Advance(TimeSpan.FromMilliseconds(40)));

        Assert.Equal(2, (long)final["attempts_failed"]!);
        Assert.Equal(0, (long)final["dropped"]!);
        Assert.Equal(503, (int)final["last_error"]!["status"]!);
        var requests = scenario.Receiver.Requests.ToList();
        Assert.Equal([503, 503, 202], requests.Select(r => r.AnsweredStatus));
        Assert.Equal(requests[0].Body, requests[2].Body);
        var accepted = scenario.AcceptedBatches().Select(CurrentsScenario.SourceMessageId).ToList();
        Assert.Equal(2, accepted.Distinct().Count());
        Assert.Equal(CurrentsScenario.Batches(requests[0].Body).Select(CurrentsScenario.SourceMessageId), accepted);
    }

    [Fact]
    public async Task A_retry_sends_the_same_body_even_when_more_events_were_queued_during_the_backoff()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var scenario = await CurrentsScenario.StartAsync(time: time);
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();
        scenario.Receiver.AnswerNext(503);
        await scenario.SendCampaignAsync(TwoSends);
        await scenario.WaitForStatusAsync(s => (long)s["attempts_failed"]! == 1);

        // While the sender waits out its backoff, another send is queued behind the failed batches.
        var (status, _) = await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"Queued meanwhile","channel":"email"}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        await scenario.WaitUntilIdleAsync(delivered: 4, between: () => time.Advance(TimeSpan.FromMilliseconds(40)));

        var requests = scenario.Receiver.Requests.ToList();
        Assert.Equal(503, requests[0].AnsweredStatus);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(4, scenario.AcceptedBatches().Select(CurrentsScenario.SourceMessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_429_and_a_500_are_retried_too()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();
        scenario.Receiver.AnswerNext(429, 500);

        await scenario.SendCampaignAsync(TwoSends);
        var final = await scenario.WaitUntilIdleAsync(delivered: 2);

        Assert.Equal(2, (long)final["attempts_failed"]!);
        Assert.Equal(2, scenario.AcceptedBatches().Count);
    }

    [Fact]
    public async Task A_401_drops_the_request_s_batches_reports_it_and_later_events_still_go_out()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();
        scenario.Receiver.AnswerNext(401);

        await scenario.SendCampaignAsync(TwoSends);
        var dropped = await scenario.WaitForStatusAsync(s => (long)s["dropped"]! == 2);

        Assert.Equal(0, (int)dropped["queued"]!);
        Assert.Equal(0, (long)dropped["delivered"]!);
        Assert.Equal(1, (long)dropped["attempts_failed"]!);
        Assert.Equal(401, (int)dropped["last_error"]!["status"]!);
        Assert.Contains("401", (string?)dropped["last_error"]!["message"], StringComparison.Ordinal);
        Assert.Single(scenario.Receiver.Requests);

        await scenario.SendCampaignAsync(TwoSends);
        var final = await scenario.WaitUntilIdleAsync(delivered: 2);
        Assert.Equal(2, (long)final["dropped"]!);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(302)]
    public async Task A_redirect_is_not_followed_and_the_request_s_batches_are_dropped_with_the_status_never_delivered(int status)
    {
        await using var elsewhere = await CurrentsReceiver.StartAsync();
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();
        scenario.Receiver.RedirectNext(status, new Uri(elsewhere.Url("/v2/bulkevents")));

        await scenario.SendCampaignAsync(TwoSends);
        var dropped = await scenario.WaitForStatusAsync(s => (long)s["dropped"]! == 2);

        Assert.Equal(0, (long)dropped["delivered"]!);
        Assert.Equal(status, (int)dropped["last_error"]!["status"]!);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)dropped["last_error"]!["message"], StringComparison.Ordinal);
        Assert.Single(scenario.Receiver.Requests);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task Events_queued_while_the_connector_is_unreachable_or_removed_go_out_once_a_working_one_is_set()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        var (set, _) = await scenario.SendAsync(
            HttpMethod.Put, "/_sandbox/currents/connector", $$"""{"url":"http://127.0.0.1:{{ClosedPort()}}/v2/bulkevents","api_key":"k","api_secret":"s"}""");
        Assert.Equal(HttpStatusCode.OK, set);

        await scenario.SendCampaignAsync(TwoSends);
        var failing = await scenario.WaitForStatusAsync(s => (long)s["attempts_failed"]! >= 1);
        Assert.Null((int?)failing["last_error"]!["status"]);
        Assert.Contains("connection", (string?)failing["last_error"]!["message"], StringComparison.Ordinal);

        var (removed, _) = await scenario.SendAsync(HttpMethod.Delete, "/_sandbox/currents/connector");
        Assert.Equal(HttpStatusCode.NoContent, removed);
        var waiting = await scenario.StatusAsync();
        Assert.Equal(2, (int)waiting["queued"]!);
        Assert.Null(waiting["connector"]);

        await scenario.PutConnectorAsync();
        await scenario.WaitUntilIdleAsync(delivered: 2);
        Assert.Equal(2, scenario.AcceptedBatches().Count);
    }

    [Fact]
    public async Task A_request_without_an_answer_in_time_is_retried()
    {
        await using var scenario = await CurrentsScenario.StartAsync((o, _) => o.Currents.RequestTimeout = TimeSpan.FromMilliseconds(200));
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();
        scenario.Receiver.AnswerNext(CurrentsReceiver.Hang);

        await scenario.SendCampaignAsync(TwoSends);
        var final = await scenario.WaitUntilIdleAsync(delivered: 2);

        Assert.Equal(1, (long)final["attempts_failed"]!);
        Assert.Contains("no response within", (string?)final["last_error"]!["message"], StringComparison.Ordinal);
        var requests = scenario.Receiver.Requests.ToList();
        Assert.Equal(requests[0].Body, requests[^1].Body);
    }

    [Fact]
    public async Task Stopping_the_sandbox_does_not_wait_for_a_delivery_that_hangs()
    {
        var scenario = await CurrentsScenario.StartAsync((o, _) => o.Currents.RequestTimeout = TimeSpan.FromMinutes(10));
        try
        {
            await scenario.SeedGoldSegmentAsync();
            await scenario.PutConnectorAsync();
            scenario.Receiver.AnswerNext(CurrentsReceiver.Hang);
            await scenario.SendCampaignAsync(TwoSends);
            await WaitForAsync(() => !scenario.Receiver.Requests.IsEmpty);

            // Bounded: a sender that waited for the 10-minute request timeout would fail this.
            await scenario.Sandbox.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await scenario.Receiver.DisposeAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; !condition(); i++)
        {
            Assert.True(i < 500, "the condition never held");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
