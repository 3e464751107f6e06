using Microsoft.Data.Sqlite;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// A small database of its own in the data directory, for data that changes at human speed (audience definitions,
/// entries saved through the admin API): one process at a time (a lock file), one connection, every call under one
/// lock, so a write never waits behind the processor's session in the profile database.
/// </summary>
internal sealed class SingleConnectionDatabase : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly string _connectionString;
    private readonly SqliteConnection _connection;
    private readonly FileStream _fileLock;
    private readonly object _owner;
    private bool _disposed;

    private SingleConnectionDatabase(string path, string connectionString, SqliteConnection connection, FileStream fileLock, object owner)
    {
        Path = path;
        _connectionString = connectionString;
        _connection = connection;
        _fileLock = fileLock;
        _owner = owner;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the directory's lock file and opens (creating when needed) <paramref name="fileName"/> with
    /// <paramref name="schema"/>; <paramref name="owner"/> is named when a call comes after the dispose.
    /// </summary>
    public static async Task<SingleConnectionDatabase> OpenAsync(
        SqliteStorageOptions options, string fileName, string lockFileName, string schema, object owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        PrivateFiles.CreateDirectory(options.DataDirectory);
        var fileLock = DatabaseFileLock.Acquire(options.DataDirectory, lockFileName);
        var path = System.IO.Path.Combine(options.DataDirectory, fileName);
        var connectionString = SqliteConnections.ForDatabase(path);
        SqliteConnection? connection = null;
        try
        {
            connection = await SqliteConnections.OpenAsync(connectionString, options.SynchronousFull, cacheMegabytes: 0, cancellationToken).ConfigureAwait(false);
            await SqliteConnections.ExecuteAsync(connection, schema, cancellationToken).ConfigureAwait(false);
            return new SingleConnectionDatabase(path, connectionString, connection, fileLock, owner);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            await fileLock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the connection under the lock; after the dispose it throws.</summary>
    public T Use<T>(Func<SqliteConnection, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            return work(_connection);
        }
    }

    /// <summary>Closes the database and releases the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await _fileLock.DisposeAsync().ConfigureAwait(false);
    }
}
