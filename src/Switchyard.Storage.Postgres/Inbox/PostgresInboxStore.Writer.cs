using Npgsql;
using NpgsqlTypes;

namespace Switchyard.Storage.Postgres.Inbox;

public sealed partial class PostgresInboxStore
{
    /// <summary>
    /// The writer loop. It never dies on a storage error: a failed flush fails only its own callers, and the next flush
    /// starts on a fresh pooled connection.
    /// </summary>
    private async Task RunWriterAsync()
    {
        var group = new List<PendingAppend>(_options.MaxAppendsPerFlush);
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            long bytes = 0;
            while (group.Count < _options.MaxAppendsPerFlush && bytes < _options.MaxFlushBytes && _pending.Reader.TryRead(out var next))
            {
                group.Add(next);
                bytes += next.PayloadBytes;
            }

            try
            {
                await FlushAsync(group).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (group.Count > 1 && !exception.IsTransient)
            {
                // The server refused something in the flush (a text it cannot store, say): that must not fail the appends
                // queued beside the culprit, so each is tried alone, and only the bad one fails.
                foreach (var pending in group.Where(p => !p.Completion.Task.IsCompleted))
                {
                    try
                    {
                        await FlushAsync([pending]).ConfigureAwait(false);
                    }
                    catch (Exception alone)
                    {
                        pending.Completion.TrySetException(alone);
                    }
                }
            }
            catch (Exception exception)
            {
                // Nothing of this flush is durable: every caller hears so, and none answers 202.
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(exception);
                }
            }
        }
    }

    /// <summary>
    /// Stores <paramref name="group"/> in one transaction and answers its callers. An append whose own batch cannot be
    /// stored (a rewrite that fails) is answered with its error and the flush is planned again without it, so its claims
    /// do not stay; anything else throws, with nothing stored.
    /// </summary>
    private async Task FlushAsync(IReadOnlyList<PendingAppend> group)
    {
        var live = group.ToList();
        while (live.Count > 0)
        {
            var now = _time.GetUtcNow();
            var cutoff = now - _dedupeRetention;
            var plan = new FlushPlan(live);
            await using var connection = await _database.Source.OpenConnectionAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);

            // Durable before anyone hears 202, whatever the server's or role's default: with synchronous_commit off, a
            // crash may lose commits already acknowledged (postgresql.org/docs/current/wal-async-commit.html). The setting
            // goes in the round trip of the first claim.
            // The first claim with keys takes the dedupe generations' lock too (DedupeGenerations), held to the commit.
            var requestKeys = plan.RequestKeys();
            plan.ApplyRequestClaims(await ClaimAsync(connection, InboxSchema.ClaimRequestIds, requestKeys, now, cutoff, durable: true, shareLock: requestKeys.Count > 0).ConfigureAwait(false));
            var messageKeys = plan.MessageKeys();
            var failures = plan.ApplyMessageClaims(await ClaimAsync(connection, InboxSchema.ClaimMessageIds, messageKeys, now, cutoff, durable: false, shareLock: requestKeys.Count == 0 && messageKeys.Count > 0).ConfigureAwait(false));
            if (failures.Count > 0)
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
                foreach (var (index, error) in failures)
                {
                    live[index].Completion.TrySetException(error);
                }

                live = [.. live.Where((_, i) => !failures.ContainsKey(i))];
                continue;
            }

            if (plan.Rows.Count > 0)
            {
                var first = await InboxRows.InsertAsync(connection, plan.Rows, now, PartitionCount, _options, CancellationToken.None).ConfigureAwait(false);
                plan.AssignSequences(first);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _commitCount);
            for (var i = 0; i < live.Count; i++)
            {
                live[i].Completion.TrySetResult(plan.ResultOf(i));
            }

            if (plan.Rows.Count > 0)
            {
                // After the commit, never inside it (see InboxNotifier); the request returns at once.
                _notifier?.Request();
            }

            return;
        }
    }

    /// <summary>Claims the keys and returns those now held by this flush (new ones, and ones past the retention).</summary>
    /// <remarks>
    /// Ahead of the claim, in the same round trip: the durability setting when <paramref name="durable"/>, and the
    /// generations' shared lock when <paramref name="shareLock"/>. Each is a statement of its own, so the claim's snapshot
    /// is taken after the lock is held.
    /// </remarks>
    private static async Task<IReadOnlySet<(string, string)>> ClaimAsync(
        NpgsqlConnection connection, string sql, FlushPlan.KeyList keys, DateTimeOffset now, DateTimeOffset cutoff, bool durable, bool shareLock)
    {
        var claimed = new HashSet<(string, string)>();
        await using var batch = new NpgsqlBatch(connection);
        if (durable)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InboxSchema.Durable));
        }

        if (shareLock)
        {
            var lockCommand = new NpgsqlBatchCommand(DedupeGenerations.ShareLock);
            lockCommand.Parameters.Add(DedupeGenerations.LockParameter());
            batch.BatchCommands.Add(lockCommand);
        }

        if (keys.Count > 0)
        {
            var claim = new NpgsqlBatchCommand(sql);
            claim.Parameters.Add(new NpgsqlParameter("feeds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Feeds });
            claim.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Ids });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", cutoff));
            batch.BatchCommands.Add(claim);
        }

        if (batch.BatchCommands.Count == 0)
        {
            return claimed;
        }

        // The reader skips a statement that returns no rows (the SET); the lock's one row is passed over.
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        if (shareLock)
        {
            await reader.NextResultAsync().ConfigureAwait(false);
        }

        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            claimed.Add((reader.GetString(0), reader.GetString(1)));
        }

        return claimed;
    }
}
