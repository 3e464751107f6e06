using Npgsql;
using NpgsqlTypes;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>Building and running the single statements and small batches of the delivery and audience sync calls.</summary>
public sealed partial class PostgresProfileStore
{
    /// <summary>A command on a pooled connection, checked for cancellation and disposal before it is built.</summary>
    private NpgsqlCommand Command(string sql, CancellationToken cancellationToken, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var command = Source.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>
    /// Runs the commands as one batch without an explicit transaction: PostgreSQL runs the statements of one batch in
    /// one implicit transaction, so they take effect together or not at all. Delivery writes keep the server's
    /// <c>synchronous_commit</c>, so each is on disk when its task completes.
    /// </summary>
    private async Task<NpgsqlBatch> RunBatchAsync(IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var batch = Source.CreateBatch();
        try
        {
            foreach (var command in commands)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return batch;
        }
        catch
        {
            await batch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>A parameter that may be null, with its type stated (PostgreSQL cannot infer the type of a bare null).</summary>
    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(read(rows));
        }

        return list;
    }
}
