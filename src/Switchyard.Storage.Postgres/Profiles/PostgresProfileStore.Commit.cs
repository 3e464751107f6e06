using Npgsql;
using Switchyard.Core.Partitions;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>Committing a session: lock and check what it read, then write its net effect, in one transaction.</summary>
public sealed partial class PostgresProfileStore
{
    /// <summary>The <c>synchronous_commit</c> setting the last successful commit ran with (tests).</summary>
    internal string? LastCommitSynchronousCommit { get; private set; }

    /// <summary>
    /// Commits a session in three round trips, however much it wrote: (1) lock and check, (2) every write, (3) COMMIT.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Conflicts.</b> The first round trip takes, in a fixed order, a lock on every key the session read, and checks it
    /// still holds what the session saw. A stored profile is locked with <c>SELECT … FOR UPDATE</c> and its
    /// <c>version</c> compared (versions come from one sequence, so no two writes ever leave the same version behind);
    /// a stored identity link likewise, comparing its MPID. A key the session found absent (a profile not stored, an
    /// identity nobody holds, an MPID it handed out and saved) cannot be row-locked, so the commit claims it instead:
    /// it inserts a placeholder row (<c>version</c> 0, or MPID 0) with <c>ON CONFLICT DO NOTHING</c>. A committed row
    /// there means the key was taken (the row count shows it); a row another commit is inserting makes this one wait for
    /// that commit's outcome; once inserted, the placeholder holds the key until this commit ends, and the writes turn it
    /// into the real row or remove it. Every commit therefore holds all it read until it commits, and checks it under
    /// those locks: the outcome is as if each committed session had run alone at its commit (strict two-phase locking
    /// on the keys). When something changed, the transaction is rolled back and
    /// <see cref="ProfileWriteConflictException"/> thrown; so is a deadlock or serialization failure PostgreSQL reports
    /// (a session that writes identities it never read can still meet another commit in the opposite order).
    /// </para>
    /// <para>
    /// <b>Batching.</b> The session keeps the net effect of its writes, so the second round trip is one
    /// <see cref="NpgsqlBatch"/> of set-based statements over <c>unnest</c>ed arrays: deletes, document upserts, link
    /// upserts and removals, membership differences, retired MPIDs, the expiry index, outbox items, totals, cursors and
    /// the membership log, about fifteen statements whether the session touched one profile or a thousand.
    /// </para>
    /// <para>
    /// <b>Durability.</b> A processing commit runs with <c>synchronous_commit = off</c>: PostgreSQL answers before the
    /// commit's WAL is flushed, and the WAL writer flushes it within a few hundred milliseconds. The commit is atomic and
    /// visible at once and survives a crash of Switchyard; only a crash of the database server in that window loses it,
    /// together with the partition cursors it moved, so those batches are processed again from the inbox, which
    /// acknowledges batches only after a synchronous commit. That is the trade SQLite's <c>synchronous=NORMAL</c> makes
    /// for processing commits; it spares every chunk a WAL flush. A session that asked for
    /// <see cref="IProfileSession.RequireDurableCommit"/> (its outcome is answered to a client) keeps the server's
    /// setting, normally on, and returns only once its commit is on disk.
    /// </para>
    /// <para>
    /// <b>Order of the membership log.</b> Ids are taken from their sequence when a row is inserted, not when it commits, so
    /// two commits could otherwise make their changes visible out of id order and a reader paging by id would skip the
    /// later-visible lower ids. Appending takes a transaction-level advisory lock as the last statement before COMMIT,
    /// which makes the ids of the log follow commit order at the cost of serialising only the end of commits that append.
    /// </para>
    /// </remarks>
    internal async Task CommitAsync(PostgresProfileSession session)
    {
        ThrowIfDisposed();
        if (session.Changes.Count == 0)
        {
            await CommitOnceAsync(session).ConfigureAwait(false);
            return;
        }

        // The membership log is partitioned by time; the partitions its rows need are made before the transaction.
        await MembershipLog.WriteAsync(
            [.. session.Changes.Select(c => c.AtMs)],
            async () =>
            {
                await CommitOnceAsync(session).ConfigureAwait(false);
                return true;
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    private async Task CommitOnceAsync(PostgresProfileSession session)
    {
        // Not cancellable once started: a caller that gave up could not tell whether the commit happened.
        var cancellationToken = CancellationToken.None;
        var plan = new ProfileCommit(session, PartitionCount);
        await using var connection = await Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            bool holds;
            await using (var locks = plan.LockAndCheck(connection))
            {
                await using var reader = await locks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                holds = await plan.StillHoldsAsync(reader, cancellationToken).ConfigureAwait(false);
            }

            if (plan.Fenced.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                throw new PartitionFencedException(plan.Fenced);
            }

            if (!holds)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                throw new ProfileWriteConflictException();
            }

            await using (var writes = plan.Writes(connection))
            {
                if (writes.BatchCommands.Count > 0)
                {
                    await writes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LastCommitSynchronousCommit = plan.SynchronousCommit;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
        {
            throw new ProfileWriteConflictException("Another session's commit met this one's; nothing was written, run it again.", e);
        }
    }
}
