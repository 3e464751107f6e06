using System.Data;
using Npgsql;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>Data subject requests: reading everything held about an MPID, and erasing it (<see cref="ISubjectDataStore"/>).</summary>
public sealed partial class PostgresProfileStore : ISubjectDataStore
{
    /// <summary>How often an erasure that met a commit in a deadlock is run again before the error is let out.</summary>
    private const int EraseAttempts = 5;

    /// <inheritdoc />
    /// <remarks>Every part is read from one snapshot, so the answer is the subject as it was at one moment.</remarks>
    public async Task<SubjectHoldings?> CollectAsync(long mpid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        await using var connection = await Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in SubjectStatements.Collect)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<long>("mpid", mpid));
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var profile = ProfileDocuments.Deserialize(reader.GetString(0));
        var links = new List<KeyValuePair<string, string>>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            links.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        var audiences = new List<int>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            audiences.Add(reader.GetInt32(0));
        }

        var log = new List<MembershipChange>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            log.Add(new MembershipChange(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), ActionOf(reader.GetString(3)), reader.GetInt64(4)));
        }

        var ledgers = new List<LedgerEntry>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ledgers.Add(new LedgerEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new SubjectHoldings(profile, links, audiences, log, ledgers, (int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async Task<long> ProcessedThroughAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// The erasure takes the locks a processing commit takes (<see cref="CommitAsync(PostgresProfileSession)"/>), in the
    /// same order: the subject's profiles, then its identity rows, claiming with a placeholder each identity nobody
    /// holds. A commit in flight on any of them is waited for (cancellably: nothing has been written yet), and its
    /// writes (outbox items, memberships, links) are then seen by the deletions, each of which reads the data committed
    /// before it starts. A commit that comes after finds the profiles and links it read gone and fails with
    /// <see cref="ProfileWriteConflictException"/>, so the subject cannot be brought back by a batch read before.
    /// </para>
    /// <para>
    /// If an identity moved to another profile while the locks were taken, that profile is locked too, out of order; a
    /// deadlock PostgreSQL breaks there rolls the erasure back whole, and it is run again. Deleted rows stay in the
    /// tables' storage until vacuum reclaims them.
    /// </para>
    /// </remarks>
    public async Task<IReadOnlyCollection<long>> EraseAsync(DsrSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var links = subject.Identities
            .SelectMany(i => i.Value.Select(value => new IdentityLink(i.Key, value)))
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .ThenBy(l => l.Value, StringComparer.Ordinal)
            .ToArray();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfDisposed();
            try
            {
                return await EraseOnceAsync(subject.Mpids, links, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (attempt < EraseAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Rolled back whole: nothing was erased, so running it again is safe.
            }
        }
    }

    private async Task<IReadOnlyCollection<long>> EraseOnceAsync(IEnumerable<long> givenMpids, IdentityLink[] links, CancellationToken cancellationToken)
    {
        var keys = links.Select(l => l.Key).ToArray();
        var values = links.Select(l => l.Value).ToArray();
        await using var connection = await Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

        // Whom the identities name now, read without locks, so that profiles are locked before identities as commits do.
        var mpids = new SortedSet<long>(givenMpids);
        if (links.Length > 0)
        {
            mpids.UnionWith(await ReadMpidsAsync(connection, SubjectStatements.LinkedMpids, cancellationToken, ("keys", keys), ("values", values)).ConfigureAwait(false));
        }

        var locked = new HashSet<long>();
        while (true)
        {
            long[] unlocked = [.. mpids.Where(m => !locked.Contains(m))];
            if (unlocked.Length > 0)
            {
                await ReadMpidsAsync(connection, SubjectStatements.LockProfiles, cancellationToken, ("mpids", unlocked)).ConfigureAwait(false);
                locked.UnionWith(unlocked);
            }

            if (links.Length == 0)
            {
                break;
            }

            // Claims first: an identity another commit is inserting makes this wait for that commit's outcome.
            await using (var claim = new NpgsqlCommand(SubjectStatements.ClaimLinks, connection))
            {
                claim.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys));
                claim.Parameters.Add(new NpgsqlParameter<string[]>("values", values));
                await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // MPID 0 marks this erasure's own claims.
            var found = (await ReadMpidsAsync(connection, SubjectStatements.LockLinks, cancellationToken, ("keys", keys), ("values", values)).ConfigureAwait(false))
                .Where(m => m != 0)
                .ToList();
            if (found.All(mpids.Contains))
            {
                break;
            }

            mpids.UnionWith(found);
        }

        if (mpids.Count == 0)
        {
            // Nobody to erase; the claims go with the transaction.
            return [];
        }

        // The last point at which giving up leaves everything as it was.
        cancellationToken.ThrowIfCancellationRequested();
        await using (var erase = new NpgsqlBatch(connection))
        {
            long[] all = [.. mpids];
            foreach (var sql in SubjectStatements.Erase)
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter<long[]>("mpids", all));
                erase.BatchCommands.Add(command);
            }

            if (links.Length > 0)
            {
                var claims = new NpgsqlBatchCommand(SubjectStatements.DropClaims);
                claims.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys));
                claims.Parameters.Add(new NpgsqlParameter<string[]>("values", values));
                erase.BatchCommands.Add(claims);
            }

            await erase.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return mpids;
    }

    /// <summary>Runs a query whose first column is an MPID and returns them (locking rows, for a query that does).</summary>
    private static async Task<List<long>> ReadMpidsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var mpids = new List<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            mpids.Add(reader.GetInt64(0));
        }

        return mpids;
    }
}
