using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Postgres.Profiles;
using Switchyard.Storage.Postgres.Schema;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Schema;

/// <summary>
/// A database whose delivered event ids and membership log are still plain tables (profiles step 3) gets them
/// partitioned by time when a build that knows step 4 opens it, every row kept.
/// </summary>
public sealed class LogPartitionMigrationTests : IAsyncLifetime
{
    private const long Hour = 3_600_000;
    private const long Day = 24 * Hour;
    private const long Week = 7 * Day;

    // A Thursday, when the week buckets of Unix time start.
    private const long Start = 20_090 * Day;

    private TemporaryDatabase _database = null!;
    private NpgsqlDataSource _source = null!;

    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.CreateAsync();
        _source = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Rows_of_the_unpartitioned_tables_stay_readable_and_membership_ids_keep_growing()
    {
        Assert.Equal(3, await SchemaMigrator.MigrateAsync(_source, ProfileTables.Component, ProfileTables.Migrations[..3], default));
        await ExecuteAsync("""
            INSERT INTO delivered_events (output_id, event_id, delivered_at_ms) VALUES
                ('braze', 'e1', 20090 * 86400000::bigint + 3600000),
                ('braze', 'e2', 20091 * 86400000::bigint + 3600000),
                ('other', 'e1', 20090 * 86400000::bigint + 5);
            INSERT INTO membership_changes (audience_id, mpid, action, at_ms)
            SELECT 1, 100 + n, CASE WHEN n % 2 = 0 THEN 'add' ELSE 'remove' END, 20090 * 86400000::bigint + n * 2 * 86400000::bigint
            FROM generate_series(0, 5) AS n;
            -- The newest id leaves the table (erased): it must not be handed out again.
            DELETE FROM membership_changes WHERE id = 6;
            """);

        await using var store = await PostgresProfileStore.OpenAsync(
            new PostgresStorageOptions { ConnectionString = _database.ConnectionString }, new FakeTimeProvider());

        Assert.True(await store.WasDeliveredAsync("braze", "e1", default));
        Assert.True(await store.WasDeliveredAsync("braze", "e2", default));
        Assert.True(await store.WasDeliveredAsync("other", "e1", default));
        Assert.False(await store.WasDeliveredAsync("other", "e2", default));
        Assert.Equal(
            [
                new MembershipChange(1, 1, 100, MembershipAction.Add, Start),
                new MembershipChange(2, 1, 101, MembershipAction.Remove, Start + (2 * Day)),
                new MembershipChange(3, 1, 102, MembershipAction.Add, Start + (4 * Day)),
                new MembershipChange(4, 1, 103, MembershipAction.Remove, Start + (6 * Day)),
                new MembershipChange(5, 1, 104, MembershipAction.Add, Start + (8 * Day)),
            ],
            await store.ReadMembershipChangesAsync(0, 10, default));
        Assert.Equal(
            [$"delivered_events_{Start:D19}", $"delivered_events_{Start + Day:D19}", $"membership_changes_{Start:D19}", $"membership_changes_{Start + Week:D19}"],
            await StringsAsync("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent IN ('delivered_events'::regclass, 'membership_changes'::regclass) ORDER BY c.relname
                """));
        Assert.Empty(await StringsAsync("SELECT relname FROM pg_class WHERE relname LIKE '%unpartitioned%'"));

        using (var session = await store.BeginSessionAsync(default))
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 106, MembershipAction.Add, Start + (3 * Week)));
            await session.CommitAsync(default);
        }

        Assert.Equal(7, (await store.ReadMembershipChangesAsync(5, 10, default)).Single().Id);

        // The migrated partitions prune like any other.
        Assert.Equal(2, await store.PruneDeliveredBeforeAsync(Start + Day, default));
        Assert.Equal(4, await store.PruneMembershipChangesAsync(Start + Week, long.MaxValue, default));
        Assert.Equal([5L, 7L], (await store.ReadMembershipChangesAsync(0, 10, default)).Select(c => c.Id));
        Assert.Equal(["4 delivered events and membership log partitioned by time"], await StringsAsync(
            "SELECT version || ' ' || name FROM switchyard_schema WHERE component = 'profiles' AND version > 3"));
    }

    [Fact]
    public async Task A_membership_log_never_written_starts_its_ids_at_one()
    {
        await SchemaMigrator.MigrateAsync(_source, ProfileTables.Component, ProfileTables.Migrations[..3], default);

        await using var store = await PostgresProfileStore.OpenAsync(
            new PostgresStorageOptions { ConnectionString = _database.ConnectionString }, new FakeTimeProvider());
        using (var session = await store.BeginSessionAsync(default))
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 100, MembershipAction.Add, Start));
            await session.CommitAsync(default);
        }

        Assert.Equal(1, Assert.Single(await store.ReadMembershipChangesAsync(0, 10, default)).Id);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> StringsAsync(string sql)
    {
        await using var command = _source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
