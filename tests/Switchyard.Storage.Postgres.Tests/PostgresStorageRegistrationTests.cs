using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests;

public sealed class PostgresStorageRegistrationTests : IAsyncLifetime
{
    private const string Password = "not-for-your-eyes-7731";

    private TemporaryDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TemporaryDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("Host=127.0.0.1;Port=not-a-port;Password=" + Password)]
    [InlineData("Host=127.0.0.1;Passwort=" + Password)]
    [InlineData("Host=127.0.0.1;Password=" + Password + ";=x")]
    [InlineData("Password=" + Password)]
    [InlineData(" ")]
    public async Task A_connection_string_that_cannot_be_used_is_refused_without_its_password(string connectionString)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgresStorageRegistration.OpenAsync(
            new PostgresStorageOptions { ConnectionString = connectionString }, new FakeTimeProvider(), default));

        Assert.Contains("PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_names_the_database_and_the_server_but_not_the_password()
    {
        var description = PostgresStorageRegistration.Describe($"Host=db.example.com;Port=5433;Database=cdp;Username=sy;Password={Password}");

        Assert.Equal("PostgreSQL database 'cdp' on db.example.com:5433", description);
        Assert.Equal("PostgreSQL database 'sy' on db.example.com:5432", PostgresStorageRegistration.Describe("Host=db.example.com;Username=sy"));
        Assert.Equal("PostgreSQL on db.example.com:5432", PostgresStorageRegistration.Describe("Host=db.example.com"));
    }

    [Fact]
    public void Redaction_removes_the_password_however_it_is_quoted()
    {
        Assert.Equal("failed for ***", PostgresStorageRegistration.Redact($"Host=h;PASSWORD = '{Password}'", $"failed for {Password}"));
        Assert.Equal("failed for ***", PostgresStorageRegistration.Redact($"Host=h;pwd={Password}", $"failed for {Password}"));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_fails_the_open_with_a_database_error()
    {
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => PostgresStorageRegistration.OpenAsync(
            new PostgresStorageOptions { ConnectionString = $"Host=127.0.0.1;Port=1;Username=nobody;Password={Password}" }, new FakeTimeProvider(), default));

        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_fails_to_open_closes_every_store_opened_before_it()
    {
        // The audiences open after the probe, the inbox and the profiles; a newer audience schema refuses them.
        await using (var admin = NpgsqlDataSource.Create(_database.ConnectionString))
        {
            await using var future = admin.CreateCommand("""
                CREATE TABLE switchyard_schema (component text NOT NULL, version integer NOT NULL, name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version));
                INSERT INTO switchyard_schema (component, version, name) VALUES ('audiences', 999, 'from a later build');
                """);
            await future.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<StorageSchemaTooNewException>(() => PostgresStorageRegistration.OpenAsync(_database.Options, new FakeTimeProvider(), default));

        Assert.Equal("audiences", error.Component);
        await Eventually.HoldsAsync(async () => await SessionsOnAsync(_database.Name) == 0, TimeSpan.FromSeconds(10), "every connection the opened stores held is closed");
    }

    [Fact]
    public async Task Every_contract_is_opened_on_the_database_and_disposing_closes_every_connection()
    {
        var storage = await PostgresStorageRegistration.OpenAsync(_database.Options, new FakeTimeProvider(), default);
        try
        {
            Assert.Same(storage.Inbox, storage.InboxEraser);
            Assert.Same(storage.Profiles, storage.Subjects);
            Assert.Equal(0, await storage.InboxEraser.LastSequenceAsync(default));
            Assert.Empty(await storage.Requests.ActiveAsync(10, default));
        }
        finally
        {
            await storage.DisposeAsync();
        }

        await Eventually.HoldsAsync(async () => await SessionsOnAsync(_database.Name) == 0, TimeSpan.FromSeconds(10), "every connection the opened stores held is closed");
    }

    [Fact]
    public async Task Processing_nodes_open_the_partition_leases_side_by_side_and_ingest_only_nodes_open_none()
    {
        var processing = _database.Options with { ProcessingNode = true };
        var first = await PostgresStorageRegistration.OpenAsync(processing, new FakeTimeProvider(), default);
        var second = await PostgresStorageRegistration.OpenAsync(processing, new FakeTimeProvider(), default);
        var ingestOnly = await PostgresStorageRegistration.OpenAsync(_database.Options, new FakeTimeProvider(), default);
        try
        {
            Assert.NotNull(first.Ownership);
            Assert.NotNull(second.Ownership);
            Assert.Null(ingestOnly.Ownership);
            Assert.Contains(first.Contracts, c => c.Contract == typeof(Core.Partitions.IPartitionOwnership) && ReferenceEquals(c.Store, first.Ownership));
            Assert.DoesNotContain(ingestOnly.Contracts, c => c.Contract == typeof(Core.Partitions.IPartitionOwnership));

            await first.Ownership.RegisterAsync("a", default);
            var taken = await first.Ownership.AcquireAsync("a", [0, 1], default);
            Assert.Equal([0, 1], taken.Select(l => l.Partition));
            Assert.Empty(await second.Ownership.AcquireAsync("b", [0, 1], default));
        }
        finally
        {
            await ingestOnly.DisposeAsync();
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_probe_answers_while_the_database_is_there_and_reports_it_gone_once_dropped()
    {
        await using var probe = await PostgresStorageProbe.OpenAsync(_database.Options, default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(StorageProbeResult.Ok, await probe.ProbeAsync(timeout.Token));

        await using (var admin = new NpgsqlConnection(TemporaryDatabase.Server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE {_database.Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var first = await probe.ProbeAsync(timeout.Token);
        var second = await probe.ProbeAsync(timeout.Token);
        Assert.False(first.Reachable);
        Assert.False(second.Reachable);
        Assert.Contains("does not exist", second.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_counts_a_probe_cut_short_by_its_caller_as_unreachable()
    {
        await using var probe = await PostgresStorageProbe.OpenAsync(_database.Options, default);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await probe.ProbeAsync(cancelled.Token);

        Assert.False(result.Reachable);
        Assert.Equal("the database did not answer in time", result.Problem);
    }

    private static async Task<long> SessionsOnAsync(string database)
    {
        await using var admin = new NpgsqlConnection(TemporaryDatabase.Server);
        await admin.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", admin);
        count.Parameters.AddWithValue("name", database);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
