using Npgsql;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// The readiness check's view of the database: a small pool of its own with short connect and command timeouts, so a
/// database that stopped answering is reported within seconds and the probe never waits behind the stores' busy pools.
/// Opening it is also the provider's first contact with the database: it migrates the shared part of the schema and
/// checks the recorded partition count before any store opens.
/// </summary>
internal sealed class PostgresStorageProbe : IStorageProbe, IAsyncDisposable
{
    private const int TimeoutSeconds = 3;

    private readonly PostgresDatabase _database;
    private readonly string _connectionString;

    private PostgresStorageProbe(PostgresDatabase database, string connectionString)
    {
        _database = database;
        _connectionString = connectionString;
    }

    public static async Task<PostgresStorageProbe> OpenAsync(PostgresStorageOptions options, CancellationToken cancellationToken)
    {
        var builder = PostgresConnectionString.Parse(options.ConnectionString);
        builder.Timeout = TimeoutSeconds;
        builder.CommandTimeout = TimeoutSeconds;
        builder.MaxPoolSize = 2;
        var database = await PostgresDatabase.OpenAsync(options with { ConnectionString = builder.ConnectionString }, cancellationToken).ConfigureAwait(false);
        return new PostgresStorageProbe(database, options.ConnectionString);
    }

    public async Task<StorageProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _database.Source.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return StorageProbeResult.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return StorageProbeResult.Unreachable("the database did not answer in time");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            return StorageProbeResult.Unreachable(PostgresConnectionString.Scrub(_connectionString, e.Message.Split('\n')[0]));
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
