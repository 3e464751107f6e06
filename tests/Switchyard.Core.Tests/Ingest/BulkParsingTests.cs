using System.Text;
using Switchyard.Core.Ingest;
using static Switchyard.Core.Tests.Ingest.IngestTestData;

namespace Switchyard.Core.Tests.Ingest;

/// <summary><c>/v2/bulkevents</c>: an array of batches, each sliced out of the body and parsed once.</summary>
public class BulkParsingTests
{
    private static string Array(int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => BatchWith(CustomEvent("e" + i)))) + "]";

    [Fact]
    public void Raw_is_exactly_each_element_s_bytes_within_the_body()
    {
        string first = BatchWith(CustomEvent("one"));
        string second = "{ \"environment\" : \"development\",\n  \"events\": [ ] }";
        string third = FullBatch.Json.Trim();
        byte[] body = Encoding.UTF8.GetBytes(" [\n  " + first + " ,\r\n" + second + ",\t" + third + "\n] \n");

        var result = EventsApiParser.ParseBulk(body, Options());

        Assert.True(result.IsSuccess);
        Assert.Equal([first, second, third], result.Batches.Select(b => Encoding.UTF8.GetString(b.Raw.Span)));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(result.Batches[1].Raw, out var segment));
        Assert.Same(body, segment.Array);
        Assert.Equal(body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(second)), segment.Offset);
    }

    [Fact]
    public void Batches_come_back_parsed_in_request_order()
    {
        var result = Bulk(Array(3));
        Assert.True(result.IsSuccess);
        Assert.Equal(
            ["e0", "e1", "e2"],
            result.Batches.Select(b => Assert.IsType<Core.Ingest.Model.CustomEventData>(b.Batch.Events[0].Data).EventName!));
    }

    [Fact]
    public void Bulk_body_with_100_batches_is_accepted() =>
        Assert.Equal(100, Bulk(Array(100)).Batches.Count);

    [Fact]
    public void Bulk_body_with_101_batches_is_rejected()
    {
        var error = SingleError(Bulk(Array(101)));
        Assert.Equal(IngestErrorCodes.TooManyBatches, error.Code);
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_batches_per_request_comes_from_the_options()
    {
        var error = SingleError(Bulk(Array(3), Options() with { MaxBatchesPerRequest = 2 }));
        Assert.Equal(IngestErrorCodes.TooManyBatches, error.Code);
    }

    [Fact]
    public void Empty_bulk_array_is_rejected()
    {
        var error = SingleError(Bulk(" [ ] "));
        Assert.Equal(IngestErrorCodes.BadRequest, error.Code);
        Assert.Contains("at least one batch", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"batches\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Bulk_body_that_is_not_an_array_is_rejected(string body)
    {
        var error = SingleError(Bulk(body));
        Assert.Equal(IngestErrorCodes.BadRequest, error.Code);
        Assert.Contains("JSON array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Element_that_is_not_an_object_is_rejected_by_index()
    {
        var error = SingleError(Bulk("[" + BatchWith(CustomEvent()) + ", [1], " + BatchWith(CustomEvent()) + "]"));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.StartsWith("batches[1]: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_in_a_bulk_batch_names_the_batch_index_and_path()
    {
        string bad = BatchWith("""{"event_type":"custom_event","data":{"event_name":["x"],"custom_event_type":"other"}}""");
        var error = SingleError(Bulk("[" + BatchWith(CustomEvent()) + "," + BatchWith(CustomEvent()) + "," + bad + "]"));
        Assert.StartsWith("batches[2].events[0].data.event_name: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_batch_is_named_and_the_valid_ones_are_returned_with_their_index()
    {
        string body = "[" + BatchWith(CustomEvent()) + ","
            + BatchWith("""{"event_type":"warp"}""") + ","
            + BatchWith(CustomEvent()) + ","
            + """{"mpid":"x"}""" + "]";

        var result = Bulk(body);

        Assert.Null(result.Failure);
        Assert.Equal([0, 2], result.Batches.Select(b => b.Index));
        Assert.Equal([1, 3], result.Refused.Select(r => r.Index));
        Assert.Equal(
            [(IngestErrorCodes.UnknownEventType, "batches[1].events[0].event_type"), (IngestErrorCodes.InvalidField, "batches[3].mpid")],
            result.Refused.SelectMany(r => r.Errors).Select(e => (e.Code, e.Message[..e.Message.IndexOf(": ", StringComparison.Ordinal)])));
    }

    [Fact]
    public void A_bulk_request_with_no_valid_batch_fails_whole()
    {
        var result = Bulk("[" + BatchWith("""{"event_type":"warp"}""") + ",{\"mpid\":\"x\"}]");

        Assert.False(result.IsSuccess);
        Assert.Empty(result.Batches);
        Assert.Equal(400, result.Failure!.StatusCode);
        Assert.Equal(2, result.Failure.Errors.Count);
    }

    [Fact]
    public void Every_invalid_batch_of_a_refused_request_is_listed()
    {
        var result = Bulk("[" + string.Join(",", Enumerable.Repeat("""{"mpid":"x"}""", 60)) + "]");
        Assert.Equal(60, result.Failure!.Errors.Count);
        Assert.StartsWith("batches[59].mpid", result.Failure.Errors[59].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_list_is_capped_at_1000()
    {
        string noisy = BatchWith(string.Join(",", Enumerable.Repeat("""{"event_type":"screen_view","data":{}}""", 20)));
        var result = Bulk("[" + string.Join(",", Enumerable.Repeat(noisy, 100)) + "]");
        Assert.Equal(1000, result.Failure!.Errors.Count);
    }

    [Fact]
    public void A_batch_lists_at_most_100_errors()
    {
        string noisy = BatchWith(string.Join(",", Enumerable.Repeat("""{"event_type":"screen_view","data":{}}""", 150)));
        var errors = SingleBatchErrors(noisy);
        Assert.Equal(100, errors.Count);
        Assert.StartsWith("batches[1].events[99].data.screen_name", errors[99].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_type_error_of_a_batch_is_reported_at_once_one_per_event_and_one_outside_the_events()
    {
        string bad = """{"mpid":"x","user_identities":{"customer_id":"c1"},"events":[""" +
            """{"event_type":"custom_event","data":{"event_name":["x"],"custom_event_type":"other"}},""" +
            CustomEvent() + "," +
            """{"event_type":"screen_view","data":{"screen_name":5}},""" +
            """{"event_type":"custom_event","data":{"event_name":"e","custom_event_type":"other","timestamp_unixtime_ms":"soon"}}]}""";

        var errors = SingleBatchErrors(bad);

        Assert.Equal(
            ["batches[1].mpid", "batches[1].events[0].data.event_name", "batches[1].events[2].data.screen_name", "batches[1].events[3].data.timestamp_unixtime_ms"],
            errors.Select(e => e.Message[..e.Message.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void One_batch_with_many_errors_does_not_hide_the_next_invalid_batch()
    {
        string noisy = BatchWith(string.Join(",", Enumerable.Repeat("""{"event_type":"screen_view","data":{}}""", 30)));
        var errors = Bulk("[" + noisy + ",{\"mpid\":\"x\"}]").Failure!.Errors;
        Assert.Equal(31, errors.Count);
        Assert.All(errors.Take(30), e => Assert.StartsWith("batches[0].events[", e.Message, StringComparison.Ordinal));
        Assert.StartsWith("batches[1].mpid: ", errors[30].Message, StringComparison.Ordinal);
    }

    /// <summary>The errors of <paramref name="batch"/>, sent after a valid batch (so it is refused on its own).</summary>
    private static IReadOnlyList<IngestError> SingleBatchErrors(string batch)
    {
        var result = Bulk("[" + BatchWith(CustomEvent()) + "," + batch + "]");
        Assert.Null(result.Failure);
        return Assert.Single(result.Refused).Errors;
    }

    [Fact]
    public void Batch_larger_than_the_limit_is_a_413_naming_the_batch()
    {
        string big = BatchWith(CustomEvent(new string('n', 200)));
        var options = Options() with { MaxBatchBytes = 200 };

        var error = SingleError(Bulk("[" + BatchWith(CustomEvent()) + "," + big + "]", options), status: 413);

        Assert.Equal(IngestErrorCodes.BatchTooLarge, error.Code);
        Assert.StartsWith("batches[1]: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_of_exactly_the_limit_is_accepted()
    {
        string batch = BatchWith(CustomEvent());
        Assert.True(Bulk("[" + batch + "]", Options() with { MaxBatchBytes = Encoding.UTF8.GetByteCount(batch) }).IsSuccess);
    }

    [Fact]
    public void Too_large_and_invalid_batches_together_give_400()
    {
        var result = Bulk("[" + BatchWith(CustomEvent(new string('n', 200))) + ",{\"mpid\":\"x\"}]", Options() with { MaxBatchBytes = 150 });
        Assert.Equal(400, result.Failure!.StatusCode);
        Assert.Equal([IngestErrorCodes.BatchTooLarge, IngestErrorCodes.InvalidField], result.Failure.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Single_batch_body_larger_than_the_limit_is_a_413()
    {
        var error = SingleError(Batch(BatchWith(CustomEvent(new string('n', 200))), Options() with { MaxBatchBytes = 100 }), status: 413);
        Assert.Equal(IngestErrorCodes.BatchTooLarge, error.Code);
    }

    [Theory]
    [InlineData("[{}] x")]
    [InlineData("[{}]]")]
    [InlineData("[{},]")]
    [InlineData("[{}")]
    [InlineData("[{\"a\":}]")]
    public void Malformed_bulk_body_is_a_bad_request(string body) =>
        Assert.Equal(IngestErrorCodes.BadRequest, SingleError(Bulk(body)).Code);
}
