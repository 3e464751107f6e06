using Npgsql;
using Switchyard.Core.Partitions;
using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Schema;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Schema;

public sealed class SchemaMigratorTests : IAsyncLifetime
{
    private static readonly PostgresMigration[] TwoSteps =
    [
        new(1, "a table", "CREATE TABLE things (id bigint PRIMARY KEY)"),
        new(2, "a column", "ALTER TABLE things ADD COLUMN label text"),
    ];

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
    public async Task Steps_are_applied_once_in_order_and_recorded()
    {
        Assert.Equal(1, await SchemaMigrator.MigrateAsync(_source, "things", TwoSteps[..1], default));
        Assert.Equal(1, await SchemaMigrator.MigrateAsync(_source, "things", TwoSteps, default));
        Assert.Equal(0, await SchemaMigrator.MigrateAsync(_source, "things", TwoSteps, default));

        await using var insert = _source.CreateCommand("INSERT INTO things (id, label) VALUES (1, 'one')");
        await insert.ExecuteNonQueryAsync();
        Assert.Equal(["1 a table", "2 a column"], await RecordedAsync("things"));
    }

    [Fact]
    public async Task Concurrent_first_starts_migrate_once()
    {
        var sources = Enumerable.Range(0, 8).Select(_ => NpgsqlDataSource.Create(_database.ConnectionString)).ToList();
        try
        {
            var applied = await Task.WhenAll(sources.Select(source => Task.Run(() => SchemaMigrator.MigrateAsync(source, "things", TwoSteps, default))));

            Assert.Equal(2, applied.Sum());
            Assert.Single(applied, count => count == 2);
            Assert.Equal(["1 a table", "2 a column"], await RecordedAsync("things"));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_knows_is_refused_and_left_alone()
    {
        await SchemaMigrator.MigrateAsync(_source, "things", TwoSteps, default);

        var refused = await Assert.ThrowsAsync<StorageSchemaTooNewException>(() => SchemaMigrator.MigrateAsync(_source, "things", TwoSteps[..1], default));

        Assert.Equal(("things", 2, 1), (refused.Component, refused.Found, refused.Known));
        Assert.Contains("version 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["1 a table", "2 a column"], await RecordedAsync("things"));
    }

    [Fact]
    public async Task A_failing_step_rolls_back_every_step_of_its_run()
    {
        PostgresMigration[] broken = [TwoSteps[0], new(2, "broken", "ALTER TABLE nothing_here ADD COLUMN x int")];

        await Assert.ThrowsAsync<PostgresException>(() => SchemaMigrator.MigrateAsync(_source, "things", broken, default));

        await using (var exists = _source.CreateCommand("SELECT to_regclass('things') IS NULL AND to_regclass('switchyard_schema') IS NULL"))
        {
            Assert.True((bool)(await exists.ExecuteScalarAsync())!);
        }

        Assert.Equal(2, await SchemaMigrator.MigrateAsync(_source, "things", TwoSteps, default));
    }

    [Fact]
    public async Task Components_keep_their_own_versions()
    {
        await SchemaMigrator.MigrateAsync(_source, "things", TwoSteps, default);
        Assert.Equal(1, await SchemaMigrator.MigrateAsync(_source, "others", [new(1, "another table", "CREATE TABLE others (id int)")], default));

        Assert.Equal(["1 another table"], await RecordedAsync("others"));
    }

    [Fact]
    public async Task Steps_out_of_order_are_a_programming_error()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SchemaMigrator.MigrateAsync(_source, "things", [TwoSteps[1]], default));
        Assert.Contains("step 1 says 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_records_its_partition_count_and_refuses_another()
    {
        await (await PostgresDatabase.OpenAsync(_database.Options with { Partitions = 16 }, default)).DisposeAsync();
        await using (var again = await PostgresDatabase.OpenAsync(_database.Options with { Partitions = 16 }, default))
        {
            Assert.Equal(16, again.Partitions);
        }

        var refused = await Assert.ThrowsAsync<PartitionCountMismatchException>(() => PostgresDatabase.OpenAsync(_database.Options with { Partitions = 32 }, default));
        Assert.Equal((16, 32), (refused.Recorded, refused.Wanted));
        Assert.Contains(_database.Name, refused.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> RecordedAsync(string component)
    {
        await using var read = _source.CreateCommand("SELECT version, name FROM switchyard_schema WHERE component = @c ORDER BY version");
        read.Parameters.AddWithValue("c", component);
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetInt32(0)} {reader.GetString(1)}");
        }

        return rows;
    }
}
