using Microsoft.Extensions.Logging.Testing;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>An output's troubles are logged once per change of state, not once per request or per item.</summary>
public sealed class OutputHealthLogTests : DeliveryFixture
{
    [Fact]
    public async Task A_braze_outage_is_logged_once_when_it_starts_and_once_when_it_ends()
    {
        var logs = new FakeLogger();
        var engine = Engine(logger: logs);
        await FaultAsync(new { kind = "status", status = 503, count = 5 });
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync(200 + i, $"outage-{i}", Events("E"));
        }

        for (var pass = 0; pass < 5; pass++)
        {
            await engine.RunOnceAsync(CancellationToken.None);
            Time.Advance(TimeSpan.FromMinutes(10));
        }

        var failing = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 2001);
        Assert.Contains("503", failing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Id.Id == 2002);

        // Braze is back once the fault's five answers are used up, however the passes above spent them.
        for (var pass = 0; pass < 20 && await Store.CountQueuedAsync(OutputId, default) > 0; pass++)
        {
            await engine.RunOnceAsync(CancellationToken.None);
            Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        var recovered = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 2002);
        Assert.Contains("after", recovered.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Message.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_pause_is_logged_once_with_its_end()
    {
        var logs = new FakeLogger();
        var engine = Engine(logger: logs);
        await FaultAsync(new { kind = "status", status = 429, retry_after_seconds = 20, count = 2 });
        await EnqueueAsync(300, "limited", Events("E"));

        await engine.RunOnceAsync(CancellationToken.None);
        await engine.RunOnceAsync(CancellationToken.None);
        var paused = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 2003);
        Assert.Contains("until", paused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Id.Id == 2001);
    }

    [Fact]
    public async Task Dead_letters_are_logged_with_their_reason_up_to_ten_a_minute_and_the_rest_summarised()
    {
        var logs = new FakeLogger();
        var engine = Engine(logger: logs);
        for (var i = 0; i < 25; i++)
        {
            await EnqueueAgain(400 + i, 999_000 + i, saveProfile: true);
        }

        await RunUntilIdleAsync(engine);
        var deadLetters = logs.Collector.GetSnapshot().Where(r => r.Id.Id == 2004).ToArray();
        Assert.Equal(10, deadLetters.Length);
        Assert.All(deadLetters, r => Assert.Contains("no longer in the inbox", r.Message, StringComparison.Ordinal));

        Time.Advance(TimeSpan.FromMinutes(1));
        await EnqueueAgain(500, 999_500, saveProfile: true);
        await RunUntilIdleAsync(engine);
        var summary = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 2005);
        Assert.Contains("15 more items dead-lettered", summary.Message, StringComparison.Ordinal);
        Assert.Equal(11, logs.Collector.GetSnapshot().Count(r => r.Id.Id == 2004));
    }
}
