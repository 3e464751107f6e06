namespace Switchyard.Braze.Tests.AudienceSync;

public sealed class AudienceIdentityAndCleanupTests : AudienceDeliveryFixture
{
    [Fact]
    public async Task A_user_whose_customer_id_changed_is_put_in_the_segment_under_the_new_external_id()
    {
        await IbizaSegmentsAsync();
        var engine = AudienceEngine("all");
        await Sync(1, "before", 11036);
        await RunUntilIdleAsync(engine);
        Assert.Equal(["before"], await MembersAsync("ibiza-string"));

        await Sync(1, "after", 11036, 11034);
        await RunUntilIdleAsync(engine);

        Assert.Contains("after", await MembersAsync("ibiza-string"));
        Assert.Contains("after", await MembersAsync("ibiza-array"));
        Assert.Contains("after", await MembersAsync("ibiza-per-segment"));
        Assert.Equal("11034,11036", (string?)(await CustomAttributesAsync("after"))["SegmentMembership"]);
    }

    [Fact]
    public async Task A_clean_up_item_delivered_with_the_sync_item_of_a_reactivated_connection_keeps_the_member_in_the_segment()
    {
        await IbizaSegmentsAsync();
        var engine = AudienceEngine("all");
        await Sync(1, "dreamer", 11036);
        await RunUntilIdleAsync(engine);

        // Clean-up queued (connection deactivated), then the connection activated again: its sync job queues the member.
        await Cleanup(1, 11036);
        await Sync(1, "dreamer", 11036);
        await RunUntilIdleAsync(engine);

        Assert.Equal(["dreamer"], await MembersAsync("ibiza-string"));
        Assert.Equal(["dreamer"], await MembersAsync("ibiza-array"));
        Assert.Equal(["dreamer"], await MembersAsync("ibiza-per-segment"));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
    }
}
