using Switchyard.Core.Partitions;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// Partition fences (postgres-queue.md §6.5, §6.12 c): a node commits a partition's work only under the epoch of the
/// lease it holds, so an owner that lost its lease (paused, cut off) cannot write once the new owner has taken the fence.
/// </summary>
public abstract partial class ProfileStoreComplianceTests
{
    [Fact]
    public async Task A_fenced_commit_goes_through_under_the_taken_epoch_and_is_refused_whole_once_a_newer_epoch_took_the_fence()
    {
        var store = await OpenAsync();
        Assert.Equal([new PartitionLease(0, 1), new PartitionLease(1, 1)], await store.TakeFencesAsync([new(0, 1), new(1, 1)], default));

        await Commit(store, s =>
        {
            s.Save(ProfileSamples.Minimal(1, customerId: "c1"));
            s.AdvancePartitions([new PartitionLease(0, 1), new PartitionLease(1, 1)], 10);
        });
        Assert.Equal((10L, 10L), ((await store.ReadPartitionCursorsAsync(default))[0], (await store.ReadPartitionCursorsAsync(default))[1]));

        // The old owner opened its session before the takeover and commits after it.
        using var late = await store.BeginSessionAsync(default);
        late.Save(ProfileSamples.Minimal(2, customerId: "c2"));
        late.AdvancePartitions([new PartitionLease(0, 1), new PartitionLease(1, 1)], 20);
        Assert.Equal([new PartitionLease(1, 2)], await store.TakeFencesAsync([new(1, 2)], default));

        var refused = await Assert.ThrowsAsync<PartitionFencedException>(() => late.CommitAsync(default));
        Assert.Equal([1], refused.Partitions);
        Assert.Null(await store.FindProfileAsync(2, default));
        var cursors = await store.ReadPartitionCursorsAsync(default);
        Assert.Equal((10L, 10L), (cursors[0], cursors[1]));

        // The new owner commits under its epoch; the old one can no longer take the fence back.
        await Commit(store, s => s.AdvancePartitions([new PartitionLease(1, 2)], 30));
        Assert.Empty(await store.TakeFencesAsync([new(1, 1)], default));
        Assert.Equal(30, (await store.ReadPartitionCursorsAsync(default))[1]);
    }

    [Fact]
    public async Task A_fenced_commit_under_an_epoch_whose_fence_was_never_taken_is_refused()
    {
        var store = await OpenAsync();

        using var session = await store.BeginSessionAsync(default);
        session.AdvancePartitions([new PartitionLease(3, 5)], 7);

        Assert.Equal([3], (await Assert.ThrowsAsync<PartitionFencedException>(() => session.CommitAsync(default))).Partitions);
        Assert.Equal(0, (await store.ReadPartitionCursorsAsync(default))[3]);
    }

    [Fact]
    public async Task Taking_a_fence_again_at_the_same_epoch_keeps_it_and_unfenced_cursor_moves_still_commit()
    {
        var store = await OpenAsync();
        Assert.Single(await store.TakeFencesAsync([new(2, 4)], default));
        Assert.Single(await store.TakeFencesAsync([new(2, 4)], default));

        await Commit(store, s => s.AdvancePartitions([new PartitionLease(2, 4)], 5));
        await Commit(store, s => s.AdvancePartitions([2], 9));

        Assert.Equal(9, (await store.ReadPartitionCursorsAsync(default))[2]);
    }
}
