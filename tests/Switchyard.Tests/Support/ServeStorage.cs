using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Storage;
using Switchyard.Hosting;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Postgres.Inbox;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Inbox;

namespace Switchyard.Tests.Support;

/// <summary>
/// Where one test's <c>switchyard serve</c> (or <see cref="TestService"/>) keeps its data: SQLite in the data directory,
/// or a database of its own on the PostgreSQL test cluster, dropped when this is disposed. Every start of the test
/// (restarts included) goes to the same place.
/// </summary>
internal sealed class ServeStorage : IAsyncDisposable
{
    private readonly PostgresTestDatabase? _database;

    private ServeStorage(PostgresTestDatabase? database) => _database = database;

    public static async Task<ServeStorage> CreateAsync(StorageKind kind) =>
        new(kind == StorageKind.Postgres ? await PostgresTestDatabase.CreateAsync() : null);

    /// <summary>The <c>serve</c> arguments, with <c>--postgres</c> and this test's database added on PostgreSQL.</summary>
    public string[] Serve(params string[] arguments) =>
        _database is null ? ["serve", .. arguments] : ["serve", .. arguments, "--postgres", _database.ConnectionString];

    /// <summary>The same storage for a host started inside the test process (<see cref="TestService"/>).</summary>
    public StorageChoice Choice => _database is null ? StorageChoice.Sqlite : new(_database.ConnectionString, "the test");

    /// <summary>Opens the inbox that <c>serve</c> wrote, after the process is gone, to check what it kept.</summary>
    public async Task<IInboxStore> OpenInboxAsync(string dataDirectory) =>
        _database is null
            ? await SqliteInboxStore.OpenAsync(new SqliteStorageOptions { DataDirectory = dataDirectory }, new FakeTimeProvider())
            : await PostgresInboxStore.OpenAsync(new PostgresStorageOptions { ConnectionString = _database.ConnectionString }, new FakeTimeProvider());

    public ValueTask DisposeAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
