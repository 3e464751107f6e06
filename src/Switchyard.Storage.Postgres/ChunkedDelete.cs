using Npgsql;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// Retention prunes by <c>DELETE</c> in bounded statements: each removes at most <see cref="Chunk"/> rows in a transaction
/// of its own, so no prune holds locks or writes WAL for long.
/// </summary>
internal static class ChunkedDelete
{
    /// <summary>Rows removed per statement.</summary>
    public const int Chunk = 5000;

    /// <summary>
    /// Runs <paramref name="sql"/> (a <c>DELETE</c> whose rows are picked with <c>LIMIT @chunk</c>) until it removes fewer
    /// than a chunk; returns the rows removed in all.
    /// </summary>
    public static async Task<int> RunAsync(NpgsqlDataSource source, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var removed = 0;
        int deleted;
        do
        {
            await using var command = source.CreateCommand(sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.Parameters.Add(new NpgsqlParameter<int>("chunk", Chunk));
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            removed += deleted;
        }
        while (deleted == Chunk);

        return removed;
    }
}
