using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Inbox;

public sealed partial class SqliteInboxStore
{
    /// <summary>
    /// The single writer. It never dies on a storage error: a failed group fails only its own callers, and the next
    /// group starts by re-reading the sequence high-water mark from the database.
    /// </summary>
    private async Task RunWriterAsync(CancellationToken stopping)
    {
        var group = new List<PendingAppend>(_options.MaxAppendsPerCommit);
        using var statements = new WriterStatements(_writer);
        long? lastSequence = null;

        while (await _pending.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < _options.MaxAppendsPerCommit && _pending.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            var results = new InboxAppendResult?[group.Count];
            var failures = new Exception?[group.Count];
            try
            {
                lastSequence ??= ReadLastSequence();
                var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
                statements.SetTimes(nowMs, DedupeCutoffMs());
                using var transaction = _writer.BeginTransaction();
                statements.Enlist(transaction);
                for (var i = 0; i < group.Count; i++)
                {
                    // A savepoint per append keeps one bad append from failing the others in the group. If another
                    // writer added rows (a manual fix, an older process), the sequence collides once: learn the
                    // high-water mark again and retry the append.
                    var savepoint = SavepointName(i);
                    for (var attempt = 1; results[i] is null && failures[i] is null; attempt++)
                    {
                        transaction.Save(savepoint);
                        var next = lastSequence.Value;
                        try
                        {
                            results[i] = AppendOne(statements, group[i], ref next, PartitionCount);
                            transaction.Release(savepoint);
                            lastSequence = next;
                        }
                        catch (Exception exception)
                        {
                            // Whatever went wrong (a sequence collision, or a payload that cannot be rewritten), this
                            // append's rows and message-id claims go, and the other appends of the group stay.
                            transaction.Rollback(savepoint);
                            transaction.Release(savepoint);
                            lastSequence = ReadLastSequence();
                            if (attempt == 2 || exception is not SqliteException)
                            {
                                failures[i] = exception;
                            }
                        }
                    }
                }

                transaction.Commit();
                Interlocked.Increment(ref _commitCount);
            }
            catch (Exception exception)
            {
                // Nothing in this group is durable: every caller hears so, and none answers 202.
                lastSequence = null;
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(exception);
                }

                continue;
            }

            for (var i = 0; i < group.Count; i++)
            {
                if (results[i] is { } outcome)
                {
                    group[i].Completion.TrySetResult(outcome);
                }
                else
                {
                    group[i].Completion.TrySetException(failures[i] ?? new InvalidOperationException("The append was rolled back."));
                }
            }
        }
    }

    private static InboxAppendResult AppendOne(WriterStatements statements, PendingAppend pending, ref long lastSequence, int partitions)
    {
        var sequences = new long?[pending.Records.Count];
        int[]? dropped = null;
        for (var r = 0; r < pending.Records.Count; r++)
        {
            var record = pending.Records[r];
            if (record.SourceRequestId is { } rid && !statements.ClaimDedupeKey(record.FeedId, rid))
            {
                continue;
            }

            // AppendAsync made each payload an array of its own; take it without another copy.
            var payload = MemoryMarshal.TryGetArray(record.Payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : record.Payload.ToArray();
            if (record.MessageIds is { Count: > 0 } messageIds)
            {
                var repeats = ClaimMessageIds(statements, record.FeedId, messageIds);
                if (repeats is not null)
                {
                    var count = repeats.Count(d => d);
                    (dropped ??= new int[sequences.Length])[r] = count;
                    if (count == messageIds.Count)
                    {
                        continue;
                    }

                    payload = BatchEventFilter.WithoutEvents(payload, repeats);
                }
            }

            ++lastSequence;

            // A batch that names nobody goes to a partition by its sequence, which spreads new anonymous users evenly.
            var partition = record.PartitionKey is { } key ? Core.Partitions.UserPartitions.Of(key, partitions) : (int)(lastSequence % partitions);
            statements.Insert(lastSequence, record.FeedId, record.SourceRequestId, payload, record.Historical, partition);
            sequences[r] = lastSequence;
        }

        return new InboxAppendResult(sequences) { DroppedEvents = dropped ?? [] };
    }

    /// <summary>Claims each event's id; returns which events repeat an id already claimed, or null when none does.</summary>
    private static bool[]? ClaimMessageIds(WriterStatements statements, string feedId, IReadOnlyList<string?> messageIds)
    {
        bool[]? repeats = null;
        for (var e = 0; e < messageIds.Count; e++)
        {
            if (messageIds[e] is { } id && !statements.ClaimMessageId(feedId, id))
            {
                (repeats ??= new bool[messageIds.Count])[e] = true;
            }
        }

        return repeats;
    }

    private static string SavepointName(int index) => "a" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private long ReadLastSequence()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = InboxSchema.LastSequence;
        return (long)command.ExecuteScalar()!;
    }
}
