using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Postgres.Profiles;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Profiles;

/// <summary>
/// The delivered event ids and the membership log on PostgreSQL are partitioned by time and pruned by dropping whole
/// partitions, with the production spans (a day and a week) unless a test says otherwise.
/// </summary>
public sealed class PostgresLogPartitionTests : IAsyncLifetime
{
    private const long Hour = 3_600_000;
    private const long Day = 24 * Hour;
    private const long Week = 7 * Day;
    private const string Braze = "braze";

    // A day and a week boundary: 2025-01-02 is a Thursday, and weeks of Unix time start on Thursdays.
    private const long Start = 20_090 * Day;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private ProfileStoreNodes? _nodes;

    private ProfileStoreNodes Nodes => _nodes ?? throw new InvalidOperationException("Not initialised.");

    private TemporaryDatabase Database => Nodes.Database;

    public async Task InitializeAsync() => _nodes = await ProfileStoreNodes.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rows_for_a_new_bucket_create_its_partition_by_the_span()
    {
        var store = await OpenAsync();

        await store.RecordDeliveredAsync(Braze, ["a"], Start + Hour, default);
        await store.RecordDeliveredAsync(Braze, ["b"], Start + Hour + 1, default);
        await store.RecordDeliveredAsync(Braze, ["c"], Start + (2 * Day) + 5, default);
        await AppendAsync(store, (1, Start + Day), (2, Start + Week + 1));

        Assert.Equal(
            [($"delivered_events_{Start:D19}", Start, Start + Day), ($"delivered_events_{Start + (2 * Day):D19}", Start + (2 * Day), Start + (3 * Day))],
            await PartitionsAsync("delivered_events"));
        Assert.Equal(
            [($"membership_changes_{Start:D19}", Start, Start + Week), ($"membership_changes_{Start + Week:D19}", Start + Week, Start + (2 * Week))],
            await PartitionsAsync("membership_changes"));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM delivered_events"));
        Assert.Equal(2, (await store.ReadMembershipChangesAsync(0, 10, default)).Count);
    }

    [Fact]
    public async Task A_partition_only_partly_before_the_cutoff_is_kept_whole()
    {
        var store = await OpenAsync();
        await store.RecordDeliveredAsync(Braze, ["early"], Start + Hour, default);
        await store.RecordDeliveredAsync(Braze, ["late"], Start + (20 * Hour), default);

        Assert.Equal(0, await store.PruneDeliveredBeforeAsync(Start + (10 * Hour), default));

        Assert.True(await store.WasDeliveredAsync(Braze, "early", default));
        Assert.True(await store.WasDeliveredAsync(Braze, "late", default));
        Assert.Single(await PartitionsAsync("delivered_events"));
    }

    [Fact]
    public async Task Pruning_drops_the_partitions_wholly_before_the_cutoff_and_counts_their_rows()
    {
        var store = await OpenAsync();
        await store.RecordDeliveredAsync(Braze, [.. Enumerable.Range(0, 500).Select(i => "first-" + i)], Start + Hour, default);
        await store.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>(), ["second"], Start + Day + Hour, default);
        await store.RecordDeliveredAsync(Braze, ["third"], Start + (2 * Day), default);

        Assert.Equal(501, await store.PruneDeliveredBeforeAsync(Start + (2 * Day) + Hour, default));

        // Gone with their tables, not deleted from them: only the third day's partition is left.
        Assert.Equal([Start + (2 * Day)], (await PartitionsAsync("delivered_events")).Select(p => p.Lower));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM delivered_events"));
        Assert.False(await store.WasDeliveredAsync(Braze, "first-0", default));
        Assert.False(await store.WasDeliveredAsync(Braze, "second", default));
        Assert.True(await store.WasDeliveredAsync(Braze, "third", default));
    }

    [Fact]
    public async Task An_id_delivered_again_in_a_later_partition_survives_the_drop_of_the_earlier_one()
    {
        var store = await OpenAsync();
        await store.RecordDeliveredAsync(Braze, ["again", "once"], Start + Hour, default);
        await store.RecordDeliveredAsync(Braze, ["again"], Start + Day + Hour, default);
        await store.RecordDeliveredAsync(Braze, ["again"], Start + Day + Hour, default);

        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM delivered_events"));
        Assert.Equal(2, await store.PruneDeliveredBeforeAsync(Start + Day, default));

        Assert.True(await store.WasDeliveredAsync(Braze, "again", default));
        Assert.False(await store.WasDeliveredAsync(Braze, "once", default));
    }

    [Fact]
    public async Task A_membership_partition_holding_an_id_above_the_limit_stays_until_every_consumer_has_passed_it()
    {
        var store = await OpenAsync();
        await AppendAsync(store, (1, Start + Hour), (2, Start + Day));
        await AppendAsync(store, (3, Start + Week + Hour));
        var ids = (await store.ReadMembershipChangesAsync(0, 10, default)).Select(c => c.Id).ToArray();

        Assert.Equal(0, await store.PruneMembershipChangesAsync(Start + (3 * Week), upToId: ids[0], default));
        Assert.Equal(3, (await store.ReadMembershipChangesAsync(0, 10, default)).Count);

        Assert.Equal(2, await store.PruneMembershipChangesAsync(Start + (3 * Week), upToId: ids[1], default));
        Assert.Equal([ids[2]], (await store.ReadMembershipChangesAsync(0, 10, default)).Select(c => c.Id));
        Assert.Equal([Start + Week], (await PartitionsAsync("membership_changes")).Select(p => p.Lower));
        Assert.Equal(ids[2], await store.LatestMembershipChangeIdAsync(default));
    }

    [Fact]
    public async Task A_bucket_another_node_dropped_is_made_again_when_rows_need_it()
    {
        var mine = await OpenAsync();
        var theirs = await OpenAsync();
        await mine.RecordDeliveredAsync(Braze, ["before"], Start + Hour, default);
        await AppendAsync(mine, (1, Start + Hour));
        Assert.Equal(1, await theirs.PruneDeliveredBeforeAsync(Start + Day, default));
        Assert.Equal(1, await theirs.PruneMembershipChangesAsync(Start + Week, long.MaxValue, default));

        // This store still remembers the buckets; the writes find them gone, make them again and go through.
        await mine.RecordDeliveredAsync(Braze, ["after"], Start + (2 * Hour), default);
        await mine.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>(), ["ledgered"], Start + (3 * Hour), default);
        await AppendAsync(mine, (2, Start + (2 * Hour)));

        Assert.True(await mine.WasDeliveredAsync(Braze, "after", default));
        Assert.True(await mine.WasDeliveredAsync(Braze, "ledgered", default));
        Assert.False(await mine.WasDeliveredAsync(Braze, "before", default));
        Assert.Equal(2, Assert.Single(await mine.ReadMembershipChangesAsync(0, 10, default)).Mpid);
        Assert.Single(await PartitionsAsync("delivered_events"));
        Assert.Single(await PartitionsAsync("membership_changes"));
    }

    [Fact]
    public async Task Nodes_pruning_at_once_drop_each_partition_once_and_count_its_rows_once()
    {
        var stores = new List<PostgresProfileStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await OpenAsync());
        }

        for (var day = 0; day < 5; day++)
        {
            await stores[0].RecordDeliveredAsync(Braze, [.. Enumerable.Range(0, 100).Select(i => $"{day}-{i}")], Start + (day * Day), default);
        }

        var counts = await Task.WhenAll(stores.Select(s => Task.Run(() => s.PruneDeliveredBeforeAsync(Start + (4 * Day), default))));

        Assert.Equal(400, counts.Sum());
        Assert.Equal(100, await ScalarAsync("SELECT count(*) FROM delivered_events"));
        Assert.Single(await PartitionsAsync("delivered_events"));
    }

    [Fact]
    public async Task A_bucket_next_to_a_partition_of_another_span_is_narrowed_to_fit()
    {
        var daily = await OpenAsync();
        await daily.RecordDeliveredAsync(Braze, ["monday"], Start + Day, default);
        var weekly = await OpenAsync(new LogPartitionOptions { DeliveredEventsSpan = TimeSpan.FromDays(7) });

        await weekly.RecordDeliveredAsync(Braze, ["before"], Start + Hour, default);
        await weekly.RecordDeliveredAsync(Braze, ["after"], Start + (3 * Day), default);

        Assert.Equal(
            [(Start, Start + Day), (Start + Day, Start + (2 * Day)), (Start + (2 * Day), Start + Week)],
            (await PartitionsAsync("delivered_events")).Select(p => (p.Lower, p.Upper)));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM delivered_events"));
    }

    [Fact]
    public async Task Spans_shorter_than_a_millisecond_are_refused_at_start()
    {
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => PostgresProfileStore.OpenAsync(Database.Options with { LogPartitions = new LogPartitionOptions { MembershipLogSpan = TimeSpan.Zero } }, _time));

        Assert.Equal(nameof(LogPartitionOptions.MembershipLogSpan), refused.ParamName);
    }

    [Fact]
    public async Task Late_rows_written_into_a_partition_while_it_is_pruned_neither_deadlock_nor_fail_either_side()
    {
        // Rows whose time is already past the cutoff (a node whose clock runs behind) go to the partition being dropped:
        // the writers lock the table and then the partition, and the prune takes them in the same order.
        var writers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => OpenAsync()));
        var pruner = await OpenAsync();
        await pruner.RecordDeliveredAsync(Braze, ["first"], Start + Hour, default);
        var writing = writers.Select((store, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await store.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>(), [$"late-{w}-{i}"], Start + Hour, default);
            }
        }));
        var pruning = Task.Run(async () =>
        {
            long dropped = 0;
            for (var i = 0; i < 40; i++)
            {
                dropped += await pruner.PruneDeliveredBeforeAsync(Start + Day, default);
            }

            return dropped;
        });

        await Task.WhenAll([.. writing, pruning]);

        Assert.True(await pruning >= 1, "the partition was dropped at least once");
    }

    private Task<PostgresProfileStore> OpenAsync(LogPartitionOptions? partitions = null) =>
        Nodes.OpenAsync(_time, Database.Options with { LogPartitions = partitions ?? new LogPartitionOptions() });

    private static async Task AppendAsync(PostgresProfileStore store, params (long Mpid, long AtMs)[] changes)
    {
        using var session = await store.BeginSessionAsync(default);
        foreach (var (mpid, atMs) in changes)
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, mpid, MembershipAction.Add, atMs));
        }

        await session.CommitAsync(default);
    }

    private async Task<List<(string Name, long Lower, long Upper)>> PartitionsAsync(string table)
    {
        await using var source = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var command = source.CreateCommand("""
            SELECT c.relname, b[1]::bigint, b[2]::bigint
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid), '(-?[0-9]+).*?(-?[0-9]+)') AS m(b)
            WHERE i.inhparent = @table::regclass ORDER BY 2
            """);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        var partitions = new List<(string, long, long)>();
        while (await reader.ReadAsync())
        {
            partitions.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return partitions;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
