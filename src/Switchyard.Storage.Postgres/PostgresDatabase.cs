using Npgsql;
using Switchyard.Core.Partitions;
using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// The one PostgreSQL database every store of a Switchyard shares: a pooled <see cref="NpgsqlDataSource"/>, the
/// schema's shared part (<c>switchyard_meta</c>) and the user partition count recorded in it. Stores open their own
/// tables through <see cref="MigrateAsync"/>.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private static readonly PostgresMigration[] MetaMigrations =
    [
        new(1, "settings recorded when the database is created", """
            CREATE TABLE switchyard_meta (
                key text PRIMARY KEY,
                value text NOT NULL)
            """),
    ];

    private PostgresDatabase(NpgsqlDataSource source, int partitions)
    {
        Source = source;
        Partitions = partitions;
    }

    /// <summary>The pooled connections.</summary>
    public NpgsqlDataSource Source { get; }

    /// <summary>The user partition count the database was created with.</summary>
    public int Partitions { get; }

    /// <summary>
    /// Connects, migrates the shared part of the schema and records the partition count, or refuses a database recorded
    /// with another count (<see cref="PartitionCountMismatchException"/>).
    /// </summary>
    public static async Task<PostgresDatabase> OpenAsync(PostgresStorageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Partitions, UserPartitions.MaxCount);
        var source = new NpgsqlDataSourceBuilder(options.ConnectionString).Build();
        try
        {
            await SchemaMigrator.MigrateAsync(source, "meta", MetaMigrations, cancellationToken).ConfigureAwait(false);
            var partitions = await RecordPartitionsAsync(source, options.Partitions, cancellationToken).ConfigureAwait(false);
            return new PostgresDatabase(source, partitions);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Brings one store's tables up to date (<see cref="SchemaMigrator"/>).</summary>
    public Task<int> MigrateAsync(string component, IReadOnlyList<PostgresMigration> migrations, CancellationToken cancellationToken) =>
        SchemaMigrator.MigrateAsync(Source, component, migrations, cancellationToken);

    public ValueTask DisposeAsync() => Source.DisposeAsync();

    private static async Task<int> RecordPartitionsAsync(NpgsqlDataSource source, int wanted, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("""
            INSERT INTO switchyard_meta (key, value) VALUES ('partitions', @wanted) ON CONFLICT (key) DO NOTHING;
            SELECT value FROM switchyard_meta WHERE key = 'partitions';
            """);
        command.Parameters.AddWithValue("wanted", wanted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var recorded = int.Parse((string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, System.Globalization.CultureInfo.InvariantCulture);
        return recorded == wanted
            ? wanted
            : throw new PartitionCountMismatchException($"The PostgreSQL database {new NpgsqlConnectionStringBuilder(source.ConnectionString).Database}", recorded, wanted);
    }
}
