using System.Text.Json;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>The model writes back as wire JSON that parses to the same model (the converters' write side).</summary>
public class RoundTripTests
{
    [Fact]
    public void Full_batch_written_back_parses_to_the_same_json()
    {
        var first = Assert.Single(IngestTestData.Batch(FullBatch.Json).Batches).Batch;
        byte[] written = JsonSerializer.SerializeToUtf8Bytes(first, IngestJsonContext.Default.Batch);

        var reparsed = EventsApiParser.ParseBatch(written, IngestTestData.Options());

        Assert.True(reparsed.IsSuccess, reparsed.Failure is null ? "" : string.Join("\n", reparsed.Failure.Errors));
        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(written),
            JsonSerializer.Serialize(reparsed.Batches[0].Batch, IngestJsonContext.Default.Batch));
    }

    [Fact]
    public void Enums_are_written_as_their_documented_wire_names()
    {
        var batch = Assert.Single(IngestTestData.Batch(FullBatch.Json).Batches).Batch;
        string json = JsonSerializer.Serialize(batch, IngestJsonContext.Default.Batch);

        Assert.Contains("\"environment\":\"development\"", json, StringComparison.Ordinal);
        Assert.Contains("\"platform\":\"iOS\"", json, StringComparison.Ordinal);
        Assert.Contains("\"os\":\"IOS\"", json, StringComparison.Ordinal);
        Assert.Contains("\"event_type\":\"application_state_transition\"", json, StringComparison.Ordinal);
        Assert.Contains("\"identity_type\":\"customer_id\"", json, StringComparison.Ordinal);
        Assert.Contains("\"customer_id\":\"cust-42\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("customerid", json, StringComparison.Ordinal);
        Assert.Contains("\"mp_deviceid\":\"dev-123\"", json, StringComparison.Ordinal);
        Assert.Equal(ProductActionType.Purchase, ((CommerceEventData)batch.Events[1].Data).ProductAction!.Action);
    }
}
