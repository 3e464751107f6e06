using System.Text;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Inbox;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

/// <summary>
/// A database for the PostgreSQL-specific inbox tests: opens stores on it (each one a node) and plays the part of
/// another writer through raw connections.
/// </summary>
internal sealed class InboxTestDatabase : IAsyncDisposable
{
    private readonly List<PostgresInboxStore> _stores = [];

    private InboxTestDatabase(TemporaryDatabase database) => Database = database;

    public TemporaryDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public static async Task<InboxTestDatabase> CreateAsync() => new(await TemporaryDatabase.CreateAsync());

    public async Task<PostgresInboxStore> OpenStoreAsync(PostgresInboxOptions? inbox = null, TimeSpan? dedupeRetention = null)
    {
        var options = Database.Options with { Inbox = inbox ?? new PostgresInboxOptions() };
        var store = await PostgresInboxStore.OpenAsync(dedupeRetention is { } retention ? options with { DedupeRetention = retention } : options, Time);
        _stores.Add(store);
        return store;
    }

    public async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// A transaction that holds the sequence counter's row lock, as an appending transaction of another node does
    /// between taking its sequences and committing. Every writer waits for it before it can take sequences.
    /// </summary>
    public async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> HoldSequencesAsync()
    {
        var connection = await ConnectAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT last_sequence FROM inbox_sequence FOR UPDATE", connection, transaction);
        await command.ExecuteScalarAsync();
        return (connection, transaction);
    }

    /// <summary>Waits until <paramref name="count"/> sessions of this database wait for a lock.</summary>
    public Task LockWaitersAsync(int count) =>
        Eventually.HoldsAsync(
            async () => await LockWaiterCountAsync() >= count,
            TimeSpan.FromSeconds(20),
            $"{count} session(s) waiting for a lock");

    public async Task<long> LockWaiterCountAsync()
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static InboxRecord Record(string? requestId, string json = "{}", string feed = "f") =>
        new(feed, requestId, Encoding.UTF8.GetBytes(json));

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
