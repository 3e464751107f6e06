using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>Erasing a data subject's raw batches (<see cref="IInboxEraser"/>).</summary>
public sealed partial class PostgresInboxStore : IInboxEraser
{
    private const int EraseScanPage = 500;

    /// <inheritdoc />
    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await using var command = _database.Source.CreateCommand(InboxSchema.LastSequence);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Pages through the inbox in sequence order and deletes the batches that belong, one statement per page (each its
    /// own transaction, so a cancelled call keeps the pages it finished). New batches only ever get higher sequences
    /// than <paramref name="throughSequence"/>, so the writer never touches the rows this deletes. The deleted rows'
    /// bytes stay in the table's pages and the WAL until PostgreSQL reuses the space (docs/privacy.md).
    /// </remarks>
    public async Task<int> EraseAsync(long throughSequence, Func<ReadOnlyMemory<byte>, bool> belongs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(belongs);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var erased = 0;
        var after = 0L;
        while (after < throughSequence)
        {
            var page = await ReadAsync(after, EraseScanPage, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            var doomed = page.Where(b => b.Sequence <= throughSequence && belongs(b.Payload)).Select(b => b.Sequence).ToArray();
            if (doomed.Length > 0)
            {
                await using var command = _database.Source.CreateCommand("DELETE FROM inbox WHERE seq = ANY(@seqs)");
                command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = doomed });
                erased += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            after = page[^1].Sequence;
        }

        return erased;
    }
}
