using System.Collections.Concurrent;
using Switchyard.Storage.Postgres.Profiles;

namespace Switchyard.Storage.Postgres.Tests.Support;

/// <summary>
/// A database for the PostgreSQL-specific profile store tests and the stores opened on it, each one a node; disposing
/// closes every store, then drops the database. Stores may be opened concurrently.
/// </summary>
internal sealed class ProfileStoreNodes : IAsyncDisposable
{
    private readonly ConcurrentQueue<PostgresProfileStore> _stores = new();

    private ProfileStoreNodes(TemporaryDatabase database) => Database = database;

    public TemporaryDatabase Database { get; }

    public static async Task<ProfileStoreNodes> CreateAsync() => new(await TemporaryDatabase.CreateAsync());

    /// <summary>Opens a store on the database with <paramref name="options"/> (the database's own when null).</summary>
    public async Task<PostgresProfileStore> OpenAsync(TimeProvider time, PostgresStorageOptions? options = null)
    {
        var store = await PostgresProfileStore.OpenAsync(options ?? Database.Options, time);
        _stores.Enqueue(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        while (_stores.TryDequeue(out var store))
        {
            await store.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
