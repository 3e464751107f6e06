using Npgsql;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres.Schema;

/// <summary>
/// Brings one component's tables (a store's) up to the newest version this build knows. Every node runs this at start;
/// a transaction-scoped advisory lock lets exactly one of several nodes starting together apply each step, and the
/// others then find the steps recorded in <c>switchyard_schema</c>. A database already past the known steps is refused
/// (<see cref="StorageSchemaTooNewException"/>) rather than written with an older idea of its tables.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The advisory lock every Switchyard migration takes (an arbitrary constant, "SWITCHYD" in ASCII).</summary>
    internal const long LockKey = 0x5357_4954_4348_5944;

    /// <summary>Applies the steps the database lacks and returns how many that was (0 when it was current).</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource database, string component, IReadOnlyList<PostgresMigration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(component);
        ArgumentNullException.ThrowIfNull(migrations);
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new ArgumentException($"The {component} migrations must be numbered 1, 2, 3… in order; step {i + 1} says {migrations[i].Version}.", nameof(migrations));
            }
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey)).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS switchyard_schema (
                component text NOT NULL,
                version integer NOT NULL,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version))
            """, cancellationToken).ConfigureAwait(false);

        int current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM switchyard_schema WHERE component = @component", connection))
        {
            read.Parameters.AddWithValue("component", component);
            current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (current > migrations.Count)
        {
            throw new StorageSchemaTooNewException(component, current, migrations.Count);
        }

        foreach (var step in migrations.Skip(current))
        {
            await ExecuteAsync(connection, step.Sql, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                connection,
                "INSERT INTO switchyard_schema (component, version, name) VALUES (@component, @version, @name)",
                cancellationToken,
                ("component", component),
                ("version", step.Version),
                ("name", step.Name)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return migrations.Count - current;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
