using System.Data.Common;
using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Inbox;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

/// <summary>The writer: group commit, back-pressure, and what a flush's failures do to the appends in it.</summary>
public sealed class PostgresInboxWriterTests : IAsyncLifetime
{
    private InboxTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await InboxTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Appends_that_queue_while_a_flush_waits_share_one_transaction()
    {
        var store = await _db.OpenStoreAsync();
        var commitsBefore = store.CommitCount;
        Task<InboxAppendResult>[] appends;
        var (holder, hold) = await _db.HoldSequencesAsync();
        await using (holder)
        {
            appends = [.. Enumerable.Range(0, 50).Select(i => store.AppendAsync([InboxTestDatabase.Record($"g{i}")], default))];
            await _db.LockWaitersAsync(1);
            await hold.CommitAsync();
        }

        await Task.WhenAll(appends);
        Assert.Equal(50, await store.CountAsync(default));

        // Each of the two writers may have taken an append alone before the others queued; the rest went in one transaction.
        Assert.InRange(store.CommitCount - commitsBefore, 1, 3);
        Assert.InRange(await _db.ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM inbox"), 1, 3);
    }

    [Fact]
    public async Task Two_writers_prepare_their_flushes_side_by_side_and_take_turns_for_the_sequences()
    {
        var store = await _db.OpenStoreAsync(new PostgresInboxOptions { Writers = 2, MaxAppendsPerFlush = 1 });
        Task<InboxAppendResult>[] appends;
        var (holder, hold) = await _db.HoldSequencesAsync();
        await using (holder)
        {
            appends = [.. Enumerable.Range(0, 6).Select(i => store.AppendAsync([InboxTestDatabase.Record($"w{i}")], default))];

            // Both flushes have claimed their keys and wait for the counter at once; the queue waits for them.
            await _db.LockWaitersAsync(2);
            Assert.Equal(2, await _db.LockWaiterCountAsync());
            Assert.All(appends, a => Assert.False(a.IsCompleted));
            await hold.CommitAsync();
        }

        var sequences = (await Task.WhenAll(appends)).Select(r => r.Sequences[0]!.Value).Order().ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], sequences);
        Assert.Equal(6, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_writer_count_below_one_is_refused_at_open_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _db.OpenStoreAsync(new PostgresInboxOptions { Writers = 0 }));
        Assert.Equal(nameof(PostgresInboxOptions.Writers), error.ParamName);
    }

    [Fact]
    public async Task A_full_queue_holds_the_next_caller_until_there_is_room_and_a_caller_that_gives_up_then_stores_nothing()
    {
        // One writer, so exactly one append is out of the queue while the counter is held.
        var store = await _db.OpenStoreAsync(new PostgresInboxOptions { MaxPendingAppends = 2, MaxAppendsPerFlush = 1, Writers = 1 });
        var (holder, hold) = await _db.HoldSequencesAsync();
        Task<InboxAppendResult>[] queued;
        await using (holder)
        {
            // The writer takes the first append and waits for the counter; two more fill the queue.
            var first = store.AppendAsync([InboxTestDatabase.Record("q0")], default);
            await _db.LockWaitersAsync(1);
            queued = [first, store.AppendAsync([InboxTestDatabase.Record("q1")], default), store.AppendAsync([InboxTestDatabase.Record("q2")], default)];

            using var giveUp = new CancellationTokenSource();
            var waiting = store.AppendAsync([InboxTestDatabase.Record("q3")], giveUp.Token);
            Assert.False(waiting.IsCompleted);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            await hold.CommitAsync();
        }

        Assert.All(await Task.WhenAll(queued), r => Assert.NotNull(r.Sequences[0]));
        Assert.Equal(3, await store.CountAsync(default));

        // The caller that gave up was never queued: its request id is free for its retry.
        Assert.NotNull((await store.AppendAsync([InboxTestDatabase.Record("q3")], default)).Sequences[0]);
    }

    [Fact]
    public async Task A_flush_whose_connection_is_lost_fails_its_callers_with_a_DbException_and_the_writer_carries_on()
    {
        var store = await _db.OpenStoreAsync();
        var (holder, hold) = await _db.HoldSequencesAsync();
        Task<InboxAppendResult> lost;
        await using (holder)
        {
            lost = store.AppendAsync([InboxTestDatabase.Record("lost")], default);
            await _db.LockWaitersAsync(1);
            await _db.ScalarAsync<bool>(
                "SELECT bool_and(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            await hold.CommitAsync();
        }

        await Assert.ThrowsAnyAsync<DbException>(() => lost);

        // Nothing of the failed flush stayed, its request id included, so the caller's retry is stored.
        Assert.NotNull((await store.AppendAsync([InboxTestDatabase.Record("lost")], default)).Sequences[0]);
        Assert.Equal(1, await store.CountAsync(default));
    }

    [Fact]
    public async Task An_append_the_server_refuses_fails_alone_and_the_appends_flushed_with_it_are_stored()
    {
        var store = await _db.OpenStoreAsync();
        var (holder, hold) = await _db.HoldSequencesAsync();
        Task<InboxAppendResult>[] appends;
        await using (holder)
        {
            var first = store.AppendAsync([InboxTestDatabase.Record("first")], default);
            await _db.LockWaitersAsync(1);

            // PostgreSQL text cannot hold a NUL character; the three appends queue up for the same flush.
            appends =
            [
                first,
                store.AppendAsync([InboxTestDatabase.Record("good-1")], default),
                store.AppendAsync([InboxTestDatabase.Record("bad\0id")], default),
                store.AppendAsync([InboxTestDatabase.Record("good-2")], default),
            ];
            await hold.CommitAsync();
        }

        var outcomes = await Task.WhenAll(appends.Select(a => a.ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default)));

        Assert.Equal([true, true, false, true], outcomes);
        await Assert.ThrowsAnyAsync<DbException>(() => appends[2]);
        Assert.Equal(3, await store.CountAsync(default));
    }

    [Fact]
    public async Task Disposing_while_appends_wait_for_the_counter_finishes_them_all()
    {
        var store = await _db.OpenStoreAsync();
        var (holder, hold) = await _db.HoldSequencesAsync();
        Task<InboxAppendResult>[] appends;
        Task dispose;
        await using (holder)
        {
            appends = [.. Enumerable.Range(0, 3).Select(i => store.AppendAsync([InboxTestDatabase.Record($"d{i}")], default))];
            await _db.LockWaitersAsync(1);
            dispose = store.DisposeAsync().AsTask();
            Assert.False(dispose.IsCompleted);
            await hold.CommitAsync();
        }

        await dispose;
        Assert.All(await Task.WhenAll(appends), r => Assert.NotNull(r.Sequences[0]));
        var reopened = await _db.OpenStoreAsync();
        Assert.Equal(3, await reopened.CountAsync(default));
    }

    [Fact]
    public async Task A_caller_waiting_for_room_when_the_store_is_disposed_hears_it_was_disposed_and_the_queued_appends_finish()
    {
        // One writer, so the second append stays queued and the third waits for room.
        var store = await _db.OpenStoreAsync(new PostgresInboxOptions { MaxPendingAppends = 1, MaxAppendsPerFlush = 1, Writers = 1 });
        var (holder, hold) = await _db.HoldSequencesAsync();
        Task<InboxAppendResult>[] queued;
        Task<InboxAppendResult> waiting;
        Task dispose;
        await using (holder)
        {
            var first = store.AppendAsync([InboxTestDatabase.Record("w0")], default);
            await _db.LockWaitersAsync(1);
            queued = [first, store.AppendAsync([InboxTestDatabase.Record("w1")], default)];
            waiting = store.AppendAsync([InboxTestDatabase.Record("w2")], default);
            Assert.False(waiting.IsCompleted);

            dispose = store.DisposeAsync().AsTask();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
            await hold.CommitAsync();
        }

        await dispose;
        Assert.All(await Task.WhenAll(queued), r => Assert.NotNull(r.Sequences[0]));
    }

    [Fact]
    public async Task Opening_with_an_invalid_segment_size_fails_and_names_the_setting()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _db.OpenStoreAsync(new PostgresInboxOptions { SegmentSize = 0 }));

        Assert.Equal(nameof(PostgresInboxOptions.SegmentSize), error.ParamName);
    }
}
