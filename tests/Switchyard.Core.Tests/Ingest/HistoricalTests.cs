using Switchyard.Core.Ingest;
using static Switchyard.Core.Tests.Ingest.IngestTestData;

namespace Switchyard.Core.Tests.Ingest;

/// <summary><c>/v2/bulkevents/historical</c> rules (reference/mparticle.md §1.1).</summary>
public class HistoricalTests
{
    private static long HoursAgo(double hours) => (Now - TimeSpan.FromHours(hours)).ToUnixTimeMilliseconds();

    private static IngestParseResult Historical(string body) => Bulk(body, Options(historical: true));

    [Fact]
    public void Events_older_than_72_hours_are_accepted() =>
        Assert.True(Historical("[" + BatchWith(CustomEvent(timestamp: HoursAgo(24 * 60))) + "]").IsSuccess);

    [Fact]
    public void Event_exactly_72_hours_old_is_accepted() =>
        Assert.True(Historical("[" + BatchWith(CustomEvent(timestamp: HoursAgo(72))) + "]").IsSuccess);

    [Fact]
    public void Event_less_than_72_hours_old_is_rejected_naming_batch_and_event()
    {
        string body = "[" + BatchWith(CustomEvent(timestamp: HoursAgo(100))) + ","
            + BatchWith(CustomEvent(timestamp: HoursAgo(100)) + "," + CustomEvent(timestamp: HoursAgo(71.9))) + "]";
        var error = SingleError(Historical(body));
        Assert.Equal(IngestErrorCodes.HistoricalRejected, error.Code);
        Assert.StartsWith("batches[1].events[1].data.timestamp_unixtime_ms: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_without_a_timestamp_is_rejected()
    {
        var error = SingleError(Historical("[" + BatchWith(CustomEvent()) + "]"));
        Assert.Equal(IngestErrorCodes.HistoricalRejected, error.Code);
        Assert.StartsWith("batches[0].events[0].data.timestamp_unixtime_ms: is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_without_events_is_rejected()
    {
        var error = SingleError(Historical("""[{"environment":"production","events":[]}]"""));
        Assert.Equal(IngestErrorCodes.HistoricalRejected, error.Code);
        Assert.StartsWith("batches[0].events: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_the_historical_endpoint_recent_and_untimed_events_are_fine()
    {
        Assert.True(Bulk("[" + BatchWith(CustomEvent()) + "," + BatchWith(CustomEvent(timestamp: HoursAgo(1))) + "]").IsSuccess);
        Assert.True(Bulk("""[{"events":[]}]""").IsSuccess);
    }
}
