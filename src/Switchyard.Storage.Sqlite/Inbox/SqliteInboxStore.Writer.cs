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
        var insertSeq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var insertFeed = insert.Parameters.Add("$feed", SqliteType.Text);
        var insertRid = insert.Parameters.Add("$rid", SqliteType.Text);
        var insertNow = insert.Parameters.Add("$now", SqliteType.Integer);
        var insertPayload = insert.Parameters.Add("$payload", SqliteType.Blob);
        var lastSequence = ReadLastSequence();

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
                using var transaction = _writer.BeginTransaction();
                claim.Transaction = transaction;
                insert.Transaction = transaction;
                for (var i = 0; i < group.Count; i++)
                {
                    results[i] = AppendOne(transaction, group[i], i);
                }

                transaction.Commit();
            }
            catch (Exception exception)
            {
                // Nothing in this group is durable: every caller hears so and none answers 202.
                lastSequence = ReadLastSequence();
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

        InboxAppendResult? AppendOne(SqliteTransaction transaction, PendingAppend pending, int index)
        {
            // A savepoint per append keeps one bad append from failing the others in the group.
            var savepoint = "a" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            transaction.Save(savepoint);
            var sequenceBefore = lastSequence;
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
                        if (claim.ExecuteNonQuery() == 0)
                        {
                            continue;
                        }
                    }

                    insertSeq.Value = ++lastSequence;
                    insertFeed.Value = record.FeedId;
                    insertRid.Value = (object?)record.SourceRequestId ?? DBNull.Value;
                    insertPayload.Value = record.Payload.ToArray();
                    insert.ExecuteNonQuery();
                    sequences[r] = lastSequence;
                }

                transaction.Release(savepoint);
                return new InboxAppendResult(sequences);
            }
            catch (SqliteException exception)
            {
                transaction.Rollback(savepoint);
                lastSequence = sequenceBefore;
                pending.Completion.TrySetException(exception);
                return null;
            }
        }
    }

    private long ReadLastSequence()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = InboxSchema.LastSequence;
        return (long)command.ExecuteScalar()!;
    }
}
