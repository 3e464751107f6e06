using Npgsql;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// Keeps a second processing node off a database. Processing and delivery do not follow the partition leases yet, so
/// two nodes that both process would handle the same batches twice. A node that processes holds a session-level
/// advisory lock on a connection of its own for as long as it runs; PostgreSQL lets it go when that connection ends,
/// a crashed or killed node's included, so the next node can start at once. Ingest-only nodes take no lock.
/// </summary>
internal sealed class ProcessingNodeLock : IAsyncDisposable
{
    /// <summary>The advisory lock a processing node holds (an arbitrary constant, "SYPROCES" in ASCII).</summary>
    internal const long LockKey = 0x5359_5052_4F43_4553;

    private readonly NpgsqlConnection _connection;

    private ProcessingNodeLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Takes the lock, or throws an <see cref="IOException"/> saying another node holds it.</summary>
    public static async Task<ProcessingNodeLock> AcquireAsync(PostgresStorageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Its own connection, outside every pool: the lock lives exactly as long as this connection.
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false, KeepAlive = 10 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new ProcessingNodeLock(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        throw new IOException(
            $"another Switchyard node already processes {PostgresConnectionString.Describe(options.ConnectionString)}; this version runs one processing node per database. "
            + "Start this node with --no-processor to add it for ingest only, or stop the other node first.");
    }

    /// <summary>Closes the connection, which lets the lock go.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
