using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Inbox;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

/// <summary>
/// Retention by dropping segments (reference/postgres-queue.md §6.12 (g)): whole partitions of the inbox go, never a
/// row at or above the sequence bound, never one received after the time bound, never a segment still being filled.
/// </summary>
public sealed class PostgresInboxSegmentTests : IAsyncLifetime
{
    private InboxTestDatabase _db = null!;
    private PostgresInboxStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await InboxTestDatabase.CreateAsync();
        _store = await _db.OpenStoreAsync(new PostgresInboxOptions { SegmentSize = 10 });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Pruning_drops_only_whole_segments_below_the_sequence_bound_and_keeps_every_row_at_or_above_it()
    {
        await AppendAsync(35);
        var later = _db.Time.GetUtcNow().AddDays(1);

        // Segments [1,11) and [11,21) are wholly below 25; [21,31) holds 25 and stays whole.
        Assert.Equal(20, await _store.PruneBeforeAsync(25, later, default));

        Assert.Equal(Enumerable.Range(21, 15).Select(i => (long)i), (await _store.ReadAsync(0, 100, default)).Select(b => b.Sequence));
        var dropped = await DroppedSegmentsAsync(1, 11, 21, 31);
        Assert.Equal([1L, 11L], dropped);
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM inbox_segments WHERE lower < 21"));
    }

    [Fact]
    public async Task A_segment_whose_sequences_are_not_all_handed_out_is_never_dropped_and_appends_go_on_into_it()
    {
        await AppendAsync(35);
        var later = _db.Time.GetUtcNow().AddDays(1);

        // Everything is below long.MaxValue, but [31,41) still has sequences to hand out: it stays.
        Assert.Equal(30, await _store.PruneBeforeAsync(long.MaxValue, later, default));
        Assert.Equal(Enumerable.Range(31, 5).Select(i => (long)i), (await _store.ReadAsync(0, 100, default)).Select(b => b.Sequence));

        var next = await _store.AppendAsync([InboxTestDatabase.Record(null)], default);
        Assert.Equal(36, next.Sequences[0]);
        Assert.Equal(6, await _store.CountAsync(default));
    }

    [Fact]
    public async Task A_segment_with_one_batch_received_after_the_time_bound_stays_whole()
    {
        await AppendAsync(15);
        _db.Time.Advance(TimeSpan.FromHours(2));
        await AppendAsync(10);

        // Sequences 1–15 are old and 16–25 young: [1,11) goes, [11,21) mixes both and stays, as does [21,31).
        var cutoff = _db.Time.GetUtcNow() - TimeSpan.FromHours(1);
        Assert.Equal(10, await _store.PruneBeforeAsync(long.MaxValue, cutoff, default));
        Assert.Equal(15, await _store.CountAsync(default));
        Assert.Equal(11, (await _store.ReadAsync(0, 1, default))[0].Sequence);
    }

    [Fact]
    public async Task A_prune_behind_a_long_reader_gives_up_with_a_DbException_and_drops_nothing_until_it_is_tried_again()
    {
        await AppendAsync(25);
        var later = _db.Time.GetUtcNow().AddDays(1);
        await using (var reader = await _db.ConnectAsync())
        {
            await using var transaction = await reader.BeginTransactionAsync();
            await using (var read = new Npgsql.NpgsqlCommand("SELECT count(*) FROM inbox", reader, transaction))
            {
                await read.ExecuteScalarAsync();
            }

            // Dropping a segment needs inbox to itself; the wait is bounded, so appends never queue behind it for long.
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => _store.PruneBeforeAsync(21, later, default));
            Assert.Equal(25, await _store.CountAsync(default));
            Assert.Equal(3, await _db.ScalarAsync<long>("SELECT count(*) FROM inbox_segments"));
        }

        Assert.Equal(20, await _store.PruneBeforeAsync(21, later, default));
    }

    [Fact]
    public async Task Segments_are_created_as_sequences_reach_them()
    {
        await AppendAsync(1);
        var afterOne = await SegmentLowersAsync();
        Assert.Equal([1L], afterOne);

        await AppendAsync(10);
        var afterEleven = await SegmentLowersAsync();
        Assert.Equal([1L, 11L], afterEleven);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), (await _store.ReadAsync(0, 100, default)).Select(b => b.Sequence));
    }

    [Theory]
    [InlineData(0, 100)] // filled in no time: the largest size
    [InlineData(1, 66)] // 10 batches in 9 minutes, a span of an hour: 10 × 60 / 9
    [InlineData(60, 10)] // 10 batches in 9 hours: never below the smallest size
    public async Task Each_segment_is_sized_to_fill_in_the_span_at_the_rate_the_previous_one_filled(int minutesApart, long expectedSize)
    {
        var store = await _db.OpenStoreAsync(new PostgresInboxOptions { SegmentSize = 100, MinimumSegmentSize = 10, SegmentSpan = TimeSpan.FromHours(1) });
        for (var i = 0; i < 11; i++)
        {
            if (i > 0)
            {
                _db.Time.Advance(TimeSpan.FromMinutes(minutesApart));
            }

            await store.AppendAsync([InboxTestDatabase.Record(null)], default);
        }

        var upper = await _db.ScalarAsync<long>("SELECT upper FROM inbox_segments WHERE lower = 11");
        Assert.Equal(10, await _db.ScalarAsync<long>("SELECT upper - lower FROM inbox_segments WHERE lower = 1"));
        Assert.Equal(expectedSize, upper - 11);
    }

    [Fact]
    public async Task A_new_segment_is_attached_while_a_reader_has_the_inbox_open()
    {
        await AppendAsync(1);
        await using var reader = await _db.ConnectAsync();
        await using var transaction = await reader.BeginTransactionAsync();
        await using (var read = new Npgsql.NpgsqlCommand("SELECT count(*) FROM inbox", reader, transaction))
        {
            await read.ExecuteScalarAsync();
        }

        // Sequence 11 makes the writer create [11,21) while the reader's transaction still holds its lock on inbox.
        await AppendAsync(10).WaitAsync(TimeSpan.FromSeconds(20));

        var lowers = await SegmentLowersAsync();
        Assert.Equal([1L, 11L], lowers);
    }

    private async Task AppendAsync(int count)
    {
        // One append per batch, one after another, so sequence i is the i-th batch.
        for (var i = 0; i < count; i++)
        {
            await _store.AppendAsync([InboxTestDatabase.Record(null)], default);
        }
    }

    /// <summary>Of the segments starting at <paramref name="lowers"/>, those whose table no longer exists.</summary>
    private async Task<long[]> DroppedSegmentsAsync(params long[] lowers)
    {
        var dropped = new List<long>();
        foreach (var lower in lowers)
        {
            if (!await _db.ScalarAsync<bool>($"SELECT to_regclass('{InboxSegments.Name(lower)}') IS NOT NULL"))
            {
                dropped.Add(lower);
            }
        }

        return [.. dropped];
    }

    /// <summary>The lower bounds of the inbox's partitions, as PostgreSQL has them attached.</summary>
    private async Task<long[]> SegmentLowersAsync()
    {
        var names = await _db.ScalarAsync<string[]>(
            "SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'inbox'::regclass");
        return [.. names.Select(n => long.Parse(n["inbox_segment_".Length..], System.Globalization.CultureInfo.InvariantCulture))];
    }
}
