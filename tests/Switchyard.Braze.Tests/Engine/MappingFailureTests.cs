using Switchyard.Core.Delivery.Engine;
using System.Globalization;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>One item that cannot be mapped never holds up the others: it is delivered clamped, or dead-lettered alone.</summary>
public sealed class MappingFailureTests : DeliveryFixture
{
    private readonly CapturingLogger _logger = new();

    private BrazeDelivery LoggingEngine() =>
        new(OutputId, Settings(), Store, Inbox, Profiles, new BrazeTrackClient(Http, Settings(), Time), new BrazeRateGates(Time), Time,
            new DeliveryOptions { JitterSeed = 7 }, Metrics, _logger);

    private static string At(long ms) => ms.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Batches_with_times_out_of_range_are_delivered_clamped_and_the_items_behind_them_go_out_too()
    {
        // The finding: a batch timestamp of -1e15 ms made every pass of the output throw, forever.
        await EnqueueAsync(11, "poison", ""","timestamp_unixtime_ms":-1000000000000000,"user_attributes":{"a":1}""");
        await EnqueueAsync(12, "future", $$$""","events":[{"event_type":"custom_event","data":{"event_name":"Far","custom_event_type":"other","timestamp_unixtime_ms":{{{At(long.MaxValue)}}}}}]""");
        await EnqueueAsync(13, "u3", Events("A"));
        await EnqueueAsync(11, "poison", Events("After"));

        await RunUntilIdleAsync(LoggingEngine());

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Empty(await Store.DeadLettersAsync(OutputId, 0, 10, default));
        Assert.Equal("1", (string?)(await ExportAsync("poison"))!["custom_attributes"]!["a"]);
        Assert.Equal(["After"], (await ExportAsync("poison"))!["custom_events"]!.AsArray().Select(e => (string?)e!["name"]));
        var far = Assert.Single((await ExportAsync("future"))!["custom_events"]!.AsArray());
        Assert.Equal("Far", (string?)far!["name"]);
        Assert.Equal("A", (string?)Assert.Single((await ExportAsync("u3"))!["custom_events"]!.AsArray())!["name"]);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task Clamped_values_are_counted_as_mapping_warnings_by_kind()
    {
        using var metrics = new MetricsCapture(OutputId);
        await EnqueueAsync(11, "poison", ""","timestamp_unixtime_ms":-1000000000000000,"user_attributes":{"a":1}""");

        await RunUntilIdleAsync(LoggingEngine());

        Assert.Equal(1, metrics.Sum("switchyard.delivery.mapping.warnings"));
        Assert.Equal(1, metrics.Sum("switchyard.delivery.items.delivered"));
    }

    [Fact]
    public async Task An_item_whose_mapping_throws_is_dead_lettered_alone_with_the_reason_logged_once_and_the_pass_goes_on()
    {
        using var metrics = new MetricsCapture(OutputId);
        await EnqueueAsync(11, "u1", Events("A"));
        await EnqueueAsync(12, customerId: null, Events("B"));
        await EnqueueAsync(13, "u3", Events("C"));
        CorruptCustomerId(12);

        var settled = await LoggingEngine().RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, settled);
        var dead = Assert.Single(await Store.DeadLettersAsync(OutputId, 0, 10, default));
        Assert.Equal(12, dead.Mpid);
        Assert.StartsWith("mapping failed: NullReferenceException: ", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.NotNull(await ExportAsync("u1"));
        Assert.NotNull(await ExportAsync("u3"));
        Assert.Equal(1, metrics.Sum("switchyard.delivery.items.dead_lettered"));
        var logged = Assert.Single(_logger.Entries);
        Assert.Equal(2010, logged.EventId);
        Assert.IsType<NullReferenceException>(logged.Exception);
    }

    /// <summary>
    /// A profile document holding a null identity, as one written by something else could: the mapper does not expect it
    /// and throws, which stands for any mapping failure.
    /// </summary>
    private void CorruptCustomerId(long mpid) => SetInProfileDocument(mpid, "$.user_identities", """{"customer_id":null}""");
}
