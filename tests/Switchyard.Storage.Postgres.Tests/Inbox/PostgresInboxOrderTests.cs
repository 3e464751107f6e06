using System.Text;
using Switchyard.Core.Partitions;
using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Inbox;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

/// <summary>
/// Sequences are commit-ordered (reference/postgres-queue.md §6.12 (e), late committer): a reader at "sequence &gt;
/// cursor" never passes a batch whose transaction commits later, even with several nodes writing.
/// </summary>
public sealed class PostgresInboxOrderTests : IAsyncLifetime
{
    private InboxTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await InboxTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_reader_does_not_pass_a_batch_whose_transaction_commits_after_a_later_writer_started()
    {
        var reader = await _db.OpenStoreAsync();
        var otherNode = await _db.OpenStoreAsync();
        await reader.AppendAsync([InboxTestDatabase.Record("before")], default);

        // Transaction A: another node's flush that has taken its sequence and inserted its batch, not yet committed.
        await using var a = await _db.ConnectAsync();
        await using var transactionA = await a.BeginTransactionAsync();
        var sequenceA = await InboxRows.InsertAsync(
            a, [new NewRow("f", "late", Encoding.UTF8.GetBytes("{\"a\":1}"), false, null)], _db.Time.GetUtcNow(), reader.PartitionCount, new PostgresInboxOptions(), default);

        // B: a later append on a third writer. It cannot take a sequence above A's while A is open.
        var appendB = otherNode.AppendAsync([InboxTestDatabase.Record("early", "{\"b\":1}")], default);
        await _db.LockWaitersAsync(1);
        Assert.False(appendB.IsCompleted);

        // A reader sees neither, so its cursor cannot move past A.
        var seen = await reader.ReadAsync(0, 10, default);
        Assert.Equal(["before"], seen.Select(b => b.SourceRequestId));
        var lane = await reader.ReadLaneAsync(PartitionLane.All, seen[^1].Sequence, 10, default);
        Assert.Empty(lane.Batches);
        Assert.True(lane.ScannedThrough < sequenceA);
        Assert.Equal(new InboxBacklog(0, null), await reader.ReadBacklogAsync(seen[^1].Sequence, default));

        await transactionA.CommitAsync();
        var sequenceB = (await appendB).Sequences[0]!.Value;

        Assert.True(sequenceB > sequenceA);
        var after = await reader.ReadAsync(seen[^1].Sequence, 10, default);
        Assert.Equal([("late", sequenceA), ("early", sequenceB)], after.Select(b => (b.SourceRequestId!, b.Sequence)));
        Assert.Equal(sequenceB, (await reader.ReadLaneAsync(PartitionLane.All, seen[^1].Sequence, 10, default)).ScannedThrough);
    }

    [Fact]
    public async Task A_flush_that_rolls_back_leaves_no_gap_in_the_sequences()
    {
        var store = await _db.OpenStoreAsync();
        var first = (await store.AppendAsync([InboxTestDatabase.Record("one")], default)).Sequences[0]!.Value;
        await using (var a = await _db.ConnectAsync())
        {
            await using var transaction = await a.BeginTransactionAsync();
            await InboxRows.InsertAsync(a, [new NewRow("f", null, [0x7b, 0x7d], false, null)], _db.Time.GetUtcNow(), store.PartitionCount, new PostgresInboxOptions(), default);
            await transaction.RollbackAsync();
        }

        var next = (await store.AppendAsync([InboxTestDatabase.Record("two")], default)).Sequences[0]!.Value;

        Assert.Equal(first + 1, next);
        Assert.Equal(new InboxBacklog(1, _db.Time.GetUtcNow()), await store.ReadBacklogAsync(first, default));
    }

    [Fact]
    public async Task Two_nodes_appending_together_get_distinct_sequences_that_readers_see_without_holes()
    {
        var nodes = new[] { await _db.OpenStoreAsync(), await _db.OpenStoreAsync() };
        var appends = Enumerable.Range(0, 100)
            .Select(i => nodes[i % 2].AppendAsync([InboxTestDatabase.Record($"n{i}"), InboxTestDatabase.Record(null)], default))
            .ToArray();

        var sequences = (await Task.WhenAll(appends)).SelectMany(r => r.Sequences).Select(s => s!.Value).Order().ToList();

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), sequences);
        Assert.Equal(sequences, (await nodes[0].ReadAsync(0, 1000, default)).Select(b => b.Sequence));
    }
}
