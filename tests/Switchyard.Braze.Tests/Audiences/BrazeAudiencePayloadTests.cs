using Switchyard.Braze.Engine;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.Braze.Tests.Audiences;

public sealed class BrazeAudiencePayloadTests
{
    [Fact]
    public void A_sync_payload_is_written_and_read_back()
    {
        var text = BrazeAudiencePayload.CreateSync();

        Assert.Equal("""{"sync":true}""", text);
        Assert.True(BrazeAudiencePayload.TryRead(text, out var payload));
        Assert.True(payload.Sync);
        Assert.Null(payload.Cleanup);
    }

    [Fact]
    public void A_cleanup_payload_lists_its_audiences_ascending_once_each()
    {
        var text = BrazeAudiencePayload.CreateCleanup([11036, 11034, 11036]);

        Assert.Equal("""{"cleanup":[11034,11036]}""", text);
        Assert.True(BrazeAudiencePayload.TryRead(text, out var payload));
        Assert.False(payload.Sync);
        Assert.Equal([11034, 11036], payload.Cleanup!);
    }

    [Fact]
    public void The_payloads_audience_sync_queues_are_the_ones_the_audience_engine_writes_and_reads()
    {
        Assert.Equal(AudienceSyncPayloads.Sync, BrazeAudiencePayload.CreateSync());
        Assert.Equal(BrazeAudiencePayload.CreateCleanup([-7]), AudienceSyncPayloads.CleanUp(-7));
        Assert.True(BrazeAudiencePayload.TryRead(AudienceSyncPayloads.CleanUp(11036), out var cleanup));
        Assert.Equal([11036], cleanup.Cleanup!);
    }

    [Fact]
    public void The_audience_engine_ledger_fields_are_what_audience_sync_walks()
    {
        var expected = BrazeAudienceLedger.Mentions(11036);

        var fields = new BrazeAudienceLedgerFields().Mentions(11036);

        Assert.Equal(expected.Fields, fields.Fields);
        Assert.Equal((expected.ListField, expected.ListItem), (fields.ListField, fields.ListItem));
    }

    [Fact]
    public void A_cleanup_without_audiences_cannot_be_created()
    {
        Assert.Throws<ArgumentException>(() => BrazeAudiencePayload.CreateCleanup([]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"sync":false}""")]
    [InlineData("""{"cleanup":[]}""")]
    [InlineData("""{"sync":true,"cleanup":[1]}""")]
    [InlineData("""{"seq":4}""")]
    [InlineData("""{"cleanup":["a"]}""")]
    [InlineData("not json")]
    public void Anything_but_exactly_one_of_the_two_shapes_is_unreadable(string? text)
    {
        Assert.False(BrazeAudiencePayload.TryRead(text, out var payload));
        Assert.Null(payload);
    }
}
