using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Sqlite.Inbox;

/// <summary>Erasing a data subject's raw batches (<see cref="IInboxEraser"/>).</summary>
public sealed partial class SqliteInboxStore : IInboxEraser
{
    private const int EraseScanPage = 500;

    /// <inheritdoc />
    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = InboxSchema.LastSequence;
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Pages through the inbox and deletes what belongs on a connection of its own; the writer only inserts rows with
    /// higher sequences, so the two never touch the same rows (SQLite's lock orders the transactions).
    /// </remarks>
    public async Task<int> EraseAsync(long throughSequence, Func<ReadOnlyMemory<byte>, bool> belongs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(belongs);
        var erased = 0;
        var after = 0L;
        while (after < throughSequence)
        {
            var page = await ReadAsync(after, EraseScanPage, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            var doomed = page.Where(b => b.Sequence <= throughSequence && belongs(b.Payload)).Select(b => b.Sequence).ToList();
            if (doomed.Count > 0)
            {
                await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA secure_delete=ON; DELETE FROM inbox WHERE seq IN (SELECT value FROM json_each($seqs)); PRAGMA wal_checkpoint(TRUNCATE);";
                command.Parameters.AddWithValue("$seqs", "[" + string.Join(',', doomed) + "]");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                erased += doomed.Count;
            }

            after = page[^1].Sequence;
        }

        return erased;
    }
}
