using System.Text;
using System.Text.Json;
using Switchyard.Core.Ingest;
using Switchyard.Core.Storage;

namespace Switchyard.Core.Tests.Storage;

public sealed class BatchEventFilterTests
{
    [Fact]
    public void Dropped_events_leave_the_array_and_every_other_member_keeps_its_bytes()
    {
        const string batch = """
            { "environment" : "production",
              "events": [ {"event_type":"uninstall","data":{"source_message_id":"a"}} , {"event_type":"uninstall","data":{"source_message_id":"b","n":1.0e2}} ],
              "user_attributes": {"name":"Ren\u00e9e", "events": [1, 2]} }
            """;

        var rewritten = Encoding.UTF8.GetString(BatchEventFilter.WithoutEvents(Encoding.UTF8.GetBytes(batch), [true, false]));

        Assert.Equal(
            """{"environment":"production","events":[{"event_type":"uninstall","data":{"source_message_id":"b","n":1.0e2}}],"user_attributes":{"name":"Ren\u00e9e", "events": [1, 2]}}""",
            rewritten);
    }

    [Fact]
    public void An_escaped_events_name_is_the_events_array_as_the_parser_reads_it()
    {
        var rewritten = Encoding.UTF8.GetString(BatchEventFilter.WithoutEvents("""{"\u0065vents":[1,2,3]}"""u8, [false, true, false]));

        Assert.Equal("""{"\u0065vents":[1,3]}""", rewritten);
    }

    [Fact]
    public void Dropping_every_event_leaves_an_empty_array_that_still_parses_as_a_batch()
    {
        const string batch = """{"environment":"development","user_identities":{"customerid":"u"},"events":[{"event_type":"uninstall","data":{}}]}""";

        var rewritten = BatchEventFilter.WithoutEvents(Encoding.UTF8.GetBytes(batch), [true]);
        var parsed = EventsApiParser.ParseBatch(rewritten, new IngestParseOptions(DateTimeOffset.UnixEpoch));

        Assert.True(parsed.IsSuccess);
        Assert.Empty(parsed.Batches[0].Batch.Events);
    }

    [Fact]
    public void A_payload_that_is_not_an_object_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => BatchEventFilter.WithoutEvents("[1]"u8, [true]));
    }
}
