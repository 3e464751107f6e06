using Microsoft.Data.Sqlite;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Inbox;

public sealed partial class SqliteInboxStore
{
    private async Task RunWriterAsync(CancellationToken stopping)
    {
        var group = new List<PendingAppend>(_options.MaxAppendsPerCommit);
        await using var claim = _writer.CreateCommand();
        claim.CommandText = InboxSchema.ClaimDedupeKey;
        var claimFeed = claim.Parameters.Add("$feed", SqliteType.Text);
        var claimRid = claim.Parameters.Add("$rid", SqliteType.Text);
        var claimNow = claim.Parameters.Add("$now", SqliteType.Integer);
        var claimCutoff = claim.Parameters.Add("$cutoff", SqliteType.Integer);
        await using var insert = _writer.CreateCommand();
        insert.CommandText = InboxSchema.Insert;
        var insertFeed = insert.Parameters.Add("$feed", SqliteType.Text);
        var insertRid = insert.Parameters.Add("$rid", SqliteType.Text);
        var insertNow = insert.Parameters.Add("$now", SqliteType.Integer);
        var insertPayload = insert.Parameters.Add("$payload", SqliteType.Blob);

        while (await _pending.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < _options.MaxAppendsPerCommit && _pending.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            claimNow.Value = nowMs;
            insertNow.Value = nowMs;
            claimCutoff.Value = DedupeCutoffMs();
            var results = new InboxAppendResult?[group.Count];
            try
            {
                await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(stopping).ConfigureAwait(false);
                claim.Transaction = transaction;
                insert.Transaction = transaction;
                for (var i = 0; i < group.Count; i++)
                {
                    results[i] = await AppendOneAsync(transaction, group[i], i, stopping).ConfigureAwait(false);
                }

                await transaction.CommitAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Nothing in this group is durable: every caller hears so and none answers 202.
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(exception);
                }

                continue;
            }

            for (var i = 0; i < group.Count; i++)
            {
                var outcome = results[i];
                if (outcome is null)
                {
                    group[i].Completion.TrySetException(new InvalidOperationException("The append was rolled back."));
                }
                else
                {
                    group[i].Completion.TrySetResult(outcome);
                }
            }
        }

        async Task<InboxAppendResult?> AppendOneAsync(SqliteTransaction transaction, PendingAppend pending, int index, CancellationToken cancellationToken)
        {
            // A savepoint per append keeps one bad append from failing the others in the group.
            var savepoint = "a" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await transaction.SaveAsync(savepoint, cancellationToken).ConfigureAwait(false);
            try
            {
                var sequences = new long?[pending.Records.Count];
                for (var r = 0; r < pending.Records.Count; r++)
                {
                    var record = pending.Records[r];
                    if (record.SourceRequestId is { } rid)
                    {
                        claimFeed.Value = record.FeedId;
                        claimRid.Value = rid;
                        if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                        {
                            continue;
                        }
                    }

                    insertFeed.Value = record.FeedId;
                    insertRid.Value = (object?)record.SourceRequestId ?? DBNull.Value;
                    insertPayload.Value = record.Payload.ToArray();
                    sequences[r] = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                await transaction.ReleaseAsync(savepoint, cancellationToken).ConfigureAwait(false);
                return new InboxAppendResult(sequences);
            }
            catch (SqliteException exception)
            {
                await transaction.RollbackAsync(savepoint, cancellationToken).ConfigureAwait(false);
                pending.Completion.TrySetException(exception);
                return null;
            }
        }
    }
}
