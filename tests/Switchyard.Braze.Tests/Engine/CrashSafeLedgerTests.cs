using Switchyard.Core.Delivery.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Switchyard.Braze.Engine;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>
/// Ledgers recorded per request: a crash between Braze's answer and the ledger write re-sends at most the request in
/// flight, and a store that cannot record stops the output without sending anything twice.
/// </summary>
public sealed class CrashSafeLedgerTests : DeliveryFixture
{
    private const int Items = 40;
    private const int EventsPerItem = 30;
    private const int AllEvents = Items * EventsPerItem;

    /// <summary>At most this many objects go in one request under the default batch rule (75 events).</summary>
    private const int EventsPerRequest = 75;

    [Fact]
    public async Task A_crash_between_brazes_answer_and_the_ledger_write_resends_only_the_request_in_flight()
    {
        await EnqueueManyAsync();
        var acknowledged = 0;
        var crashing = Engine(options: new DeliveryOptions
        {
            JitterSeed = 7,
            AfterAcknowledged = () =>
            {
                if (++acknowledged == 3)
                {
                    throw new SimulatedCrash();
                }
            },
        });

        // The third request is acknowledged by Braze and the process "dies" before recording it.
        await crashing.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, (await TrackRequestsAsync()).Count);
        var sentBeforeTheCrash = await DataPointsAsync("events");
        Assert.InRange(sentBeforeTheCrash, 3, 3 * EventsPerRequest);
        Assert.Equal(Items, await Store.CountQueuedAsync(OutputId, default));

        // A new process on the same store delivers the rest.
        await RunUntilIdleAsync(Engine());

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        var counts = await EventCountsAsync();
        Assert.Equal(AllEvents, counts.Count);
        var twice = counts.Values.Sum(c => c - 1);
        // Re-sending the whole pass would repeat all three requests; only the one in flight may come again.
        Assert.InRange(twice, 1, Math.Min(EventsPerRequest, sentBeforeTheCrash / 3));
    }

    [Fact]
    public async Task A_store_that_cannot_record_what_braze_acknowledged_pauses_the_output_and_nothing_is_sent_twice()
    {
        await EnqueueManyAsync();
        using var capture = new MetricsCapture(OutputId);
        var logs = new FakeLogger();
        var engine = Engine(logger: logs);

        // From now on profiles.db cannot grow: a ledger write that needs a new page fails with "database or disk is full".
        PageCap.Pages = 1;
        for (var pass = 0; pass < 10; pass++)
        {
            await engine.RunOnceAsync(CancellationToken.None);
            Time.Advance(TimeSpan.FromSeconds(2));
        }

        var sentWhileFailing = (await TrackRequestsAsync()).Count;
        Assert.InRange(sentWhileFailing, 1, (AllEvents / EventsPerRequest) + 1);
        Assert.Equal(1, capture.Observe("switchyard.delivery.store_failing"));
        Assert.Equal(1, capture.Observe("switchyard.delivery.unrecorded_requests"));
        var paused = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 2006);
        Assert.Equal(LogLevel.Error, paused.Level);
        Assert.Contains("full", paused.Message, StringComparison.OrdinalIgnoreCase);

        // Passes while the store fails (backoff included) send nothing more.
        for (var pass = 0; pass < 10; pass++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(0, await engine.RunOnceAsync(CancellationToken.None));
        }

        Assert.Equal(sentWhileFailing, (await TrackRequestsAsync()).Count);
        Assert.All((await EventCountsAsync()).Values, c => Assert.Equal(1, c));

        // Space again: the kept acknowledgement is recorded first, then delivery goes on without a repeat.
        PageCap.Pages = null;
        Time.Advance(TimeSpan.FromMinutes(1));
        await RunUntilIdleAsync(engine);

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        var counts = await EventCountsAsync();
        Assert.Equal(AllEvents, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        Assert.Equal(AllEvents, await DataPointsAsync("events"));
        Assert.Equal(0, capture.Observe("switchyard.delivery.store_failing"));
        Assert.Equal(0, capture.Observe("switchyard.delivery.unrecorded_requests"));
        Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 2008);
    }

    private async Task EnqueueManyAsync()
    {
        for (var item = 0; item < Items; item++)
        {
            var names = Enumerable.Range(0, EventsPerItem).Select(e => $"I{item}-E{e}").ToArray();
            await EnqueueAsync(100 + item, $"crash-{item}", Events(names));
        }
    }

    /// <summary>Every custom event name in the sandbox with its count, over the test's users.</summary>
    private async Task<Dictionary<string, int>> EventCountsAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var item = 0; item < Items; item++)
        {
            var user = await ExportAsync($"crash-{item}");
            foreach (var e in user?["custom_events"]?.AsArray() ?? [])
            {
                counts[(string)e!["name"]!] = (int)e["count"]!;
            }
        }

        return counts;
    }

    private sealed class SimulatedCrash : Exception;
}
