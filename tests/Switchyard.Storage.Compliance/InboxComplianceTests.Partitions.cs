using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Compliance;

/// <summary>User partitions: each stored batch keeps the partition of its key, and a lane reads only its own.</summary>
public abstract partial class InboxComplianceTests
{
    [Fact]
    public async Task A_batch_keeps_the_partition_of_its_key_and_batches_without_one_spread_over_the_partitions()
    {
        var store = await OpenAsync();
        var keyed = Enumerable.Range(0, 3).Select(_ => Record("f", null, "{}") with { PartitionKey = "customer_id:c1" });
        var unkeyed = Enumerable.Range(0, 8).Select(_ => Record("f", null, "{}"));
        await store.AppendAsync([.. keyed, .. unkeyed], default);

        var stored = await store.ReadAsync(0, 100, default);

        Assert.All(stored.Take(3), b => Assert.Equal(UserPartitions.Of("customer_id:c1", store.PartitionCount), b.Partition));
        Assert.True(stored.Skip(3).Select(b => b.Partition).Distinct().Count() > 1);
        Assert.All(stored, b => Assert.InRange(b.Partition, 0, store.PartitionCount - 1));
    }

    [Fact]
    public async Task A_lane_reads_only_its_partitions_in_sequence_order_and_says_how_far_it_looked()
    {
        var store = await OpenAsync();
        var records = Enumerable.Range(0, 40).Select(i => Record("f", null, "{}") with { PartitionKey = "customer_id:u" + i }).ToList();
        await store.AppendAsync(records, default);
        var all = await store.ReadAsync(0, 100, default);
        var lanes = new[] { new PartitionLane(0, 2), new PartitionLane(1, 2) };

        var pages = await Task.WhenAll(lanes.Select(l => store.ReadLaneAsync(l, 0, 100, default)));

        for (var i = 0; i < lanes.Length; i++)
        {
            Assert.Equal(all.Where(b => lanes[i].Owns(b.Partition)).Select(b => b.Sequence), pages[i].Batches.Select(b => b.Sequence));
            Assert.Equal(all[^1].Sequence, pages[i].ScannedThrough);
        }

        // A full page stops at its last batch: the lane has not looked further.
        var first = await store.ReadLaneAsync(lanes[0], 0, 2, default);
        Assert.Equal(2, first.Batches.Count);
        Assert.Equal(first.Batches[^1].Sequence, first.ScannedThrough);

        // Nothing after the end: the lane stays where it was.
        var none = await store.ReadLaneAsync(lanes[1], all[^1].Sequence, 100, default);
        Assert.Empty(none.Batches);
        Assert.Equal(all[^1].Sequence, none.ScannedThrough);
    }

    [Fact]
    public async Task A_lane_narrowed_to_held_partitions_reads_only_those_and_never_skips_one_below_how_far_it_looked()
    {
        var store = await OpenAsync();
        var records = Enumerable.Range(0, 60).Select(i => Record("f", null, "{}") with { PartitionKey = "customer_id:h" + i }).ToList();
        await store.AppendAsync(records, default);
        var all = await store.ReadAsync(0, 100, default);
        var held = all.Select(b => b.Partition).Distinct().Order().Where((_, i) => i % 3 == 0).ToList();
        var lane = new PartitionLane(0, 1).HeldOnly(held);
        Assert.True(lane.Owns(held[0]));
        Assert.False(lane.Owns(all.First(b => !held.Contains(b.Partition)).Partition));

        var whole = await store.ReadLaneAsync(lane, 0, 100, default);
        Assert.Equal(all.Where(b => held.Contains(b.Partition)).Select(b => b.Sequence), whole.Batches.Select(b => b.Sequence));
        Assert.Equal(all[^1].Sequence, whole.ScannedThrough);

        // Paging with a small limit reaches the same batches, each page covering everything below its reach.
        var seen = new List<long>();
        var after = 0L;
        while (after < all[^1].Sequence)
        {
            var page = await store.ReadLaneAsync(lane, after, 3, default);
            Assert.True(page.ScannedThrough > after);
            Assert.All(page.Batches, b => Assert.InRange(b.Sequence, after + 1, page.ScannedThrough));
            seen.AddRange(page.Batches.Select(b => b.Sequence));
            after = page.ScannedThrough;
        }

        Assert.Equal(whole.Batches.Select(b => b.Sequence), seen);
        Assert.Empty((await store.ReadLaneAsync(new PartitionLane(0, 1).HeldOnly([]), 0, 10, default)).Batches);
    }
}
