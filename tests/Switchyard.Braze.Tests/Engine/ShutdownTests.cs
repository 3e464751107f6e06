namespace Switchyard.Braze.Tests.Engine;

public sealed class ShutdownTests : DeliveryFixture
{
    [Fact]
    public async Task Cancelled_while_waiting_for_the_rate_gate_a_pass_keeps_what_braze_answered_and_leaves_the_rest_queued()
    {
        for (var i = 0; i < 30; i++)
        {
            await EnqueueAsync(100 + i, $"u{i}", Events("A", "B"));
        }

        // One request per window: the second request waits on the (fake, unmoving) clock until cancelled.
        var engine = Engine(Settings(",\"batchRule\":\"Combined50\",\"rateLimit\":1"));
        using var metrics = new MetricsCapture(OutputId);
        using var shutdown = new CancellationTokenSource();
        var pass = engine.RunOnceAsync(shutdown.Token);
        // Counted once the first answer is in; the engine then goes straight to the gate.
        while (metrics.Sum("switchyard.delivery.requests.sent") < 1)
        {
            await Task.Delay(10);
        }

        await shutdown.CancelAsync();
        var settled = await pass;

        Assert.Equal(25, settled);
        Assert.Equal(5, await Store.CountQueuedAsync(OutputId, default));
        Assert.All((await QueuedAsync()), item => Assert.Equal(0, item.Attempts));
        Assert.Equal(50, await DataPointsAsync("events"));
    }
}
