using Switchyard.Core.Delivery.Engine;
using Switchyard.Braze.Engine;

namespace Switchyard.Braze.Tests.Engine;

public sealed class BackoffTests : DeliveryFixture
{
    [Fact]
    public async Task Retries_back_off_exponentially_up_to_the_cap_with_jitter()
    {
        await FaultAsync(new { kind = "status", status = 503, count = 100 });
        var engine = Engine(options: new DeliveryOptions { JitterSeed = 3, MaxBackoff = TimeSpan.FromSeconds(4) });
        await EnqueueAsync(11, "u1", Events("A"));

        var waits = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await engine.RunOnceAsync(CancellationToken.None);
            var item = Assert.Single((await QueuedAsync()));
            waits.Add(item.NextAttemptAtMs - Time.GetUtcNow().ToUnixTimeMilliseconds());
            Time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(item.NextAttemptAtMs));
        }

        var expected = new long[] { 1000, 2000, 4000, 4000, 4000 };
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(waits[i], expected[i] * 8 / 10, expected[i] * 12 / 10);
        }

        Assert.Equal(5, Assert.Single((await QueuedAsync())).Attempts);
    }

    [Fact]
    public async Task A_dead_letter_from_an_outage_is_delivered_when_replayed_after_recovery()
    {
        await FaultAsync(new { kind = "status", status = 503, for_seconds = 7200 });
        var engine = Engine(options: new DeliveryOptions { JitterSeed = 1, MaxAge = TimeSpan.FromHours(1) });
        await EnqueueAsync(11, "u1", Events("A"));
        await engine.RunOnceAsync(CancellationToken.None);
        Time.Advance(TimeSpan.FromHours(1.5));
        await engine.RunOnceAsync(CancellationToken.None);
        var dead = Assert.Single(await Store.DeadLettersAsync(OutputId, 0, 10, default));

        Time.Advance(TimeSpan.FromHours(1));
        Assert.True(await Store.ReplayAsync(dead.Id, Time.GetUtcNow().ToUnixTimeMilliseconds(), default));
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(1, await DataPointsAsync("events"));
    }

    [Theory]
    [InlineData("ClaimLimit")]
    [InlineData("InitialBackoff")]
    [InlineData("MaxBackoff")]
    [InlineData("Jitter")]
    [InlineData("MaxAge")]
    public void Bad_options_fail_at_start_naming_the_field(string field)
    {
        var options = field switch
        {
            "ClaimLimit" => new DeliveryOptions { ClaimLimit = 0 },
            "InitialBackoff" => new DeliveryOptions { InitialBackoff = TimeSpan.Zero },
            "MaxBackoff" => new DeliveryOptions { MaxBackoff = TimeSpan.FromMilliseconds(10) },
            "Jitter" => new DeliveryOptions { Jitter = 1.5 },
            _ => new DeliveryOptions { MaxAge = TimeSpan.Zero },
        };

        var error = Assert.Throws<ArgumentException>(() => Engine(options: options));

        Assert.Contains("DeliveryOptions." + field, error.Message, StringComparison.Ordinal);
    }
}
