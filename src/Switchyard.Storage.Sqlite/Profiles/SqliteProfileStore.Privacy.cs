using System.Text.Json;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>Data subject requests: reading everything held about an MPID, and erasing it (<see cref="ISubjectDataStore"/>).</summary>
public sealed partial class SqliteProfileStore : ISubjectDataStore
{
    /// <inheritdoc />
    public Task<SubjectHoldings?> CollectAsync(long mpid, CancellationToken cancellationToken) => Completed(() => Collect(mpid), cancellationToken);

    private SubjectHoldings? Collect(long mpid)
    {
        if (FindProfile(mpid) is not { } profile)
        {
            return null;
        }

        using var connection = OpenReader();
        var links = new List<KeyValuePair<string, string>>();
        using (var command = Command(connection, ProfileSchema.SelectIdentitiesOf, ("$mpid", mpid)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                links.Add(new(reader.GetString(0), reader.GetString(1)));
            }
        }

        var audiences = new List<int>();
        using (var command = Command(connection, ProfileSchema.SelectAudiencesOf, ("$mpid", mpid)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                audiences.Add(reader.GetInt32(0));
            }
        }

        var log = new List<MembershipChange>();
        using (var command = Command(connection, PrivacySchema.MembershipLogOf, ("$mpid", mpid)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                log.Add(new MembershipChange(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), MembershipActions.FromColumn(reader.GetString(3)), reader.GetInt64(4)));
            }
        }

        var ledgers = new List<LedgerEntry>();
        using (var command = Command(connection, PrivacySchema.LedgersOf, ("$mpid", mpid)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ledgers.Add(new LedgerEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        using var queued = Command(connection, PrivacySchema.CountQueuedOf, ("$mpid", mpid));
        using var dead = Command(connection, PrivacySchema.CountDeadOf, ("$mpid", mpid));
        return new SubjectHoldings(profile, links, audiences, log, ledgers, (int)(long)queued.ExecuteScalar()!, (int)(long)dead.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public Task<long> ProcessedThroughAsync(CancellationToken cancellationToken) => ReadCheckpointAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<long>> EraseAsync(DsrSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // The writer gate keeps session commits out while the subject is erased: a chunk commits before or after, never
        // half across, and one that read the subject's profile before the erasure meets a conflict and is run again.
        if (!await _sessionGate.WaitAsync(SessionWaitTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"A profile commit took longer than {SessionWaitTimeout}; the erasure will be retried.");
        }

        try
        {
            // The last point at which giving up leaves everything as it was.
            cancellationToken.ThrowIfCancellationRequested();
            return Erase(subject);
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    /// <summary>The erasure itself, on the writer connection; the caller holds the writer gate.</summary>
    private HashSet<long> Erase(DsrSubject subject)
    {
        // Looked up inside the gate: a batch committed just before may have made a new profile for an identity.
        var mpids = new HashSet<long>(subject.Mpids);
        foreach (var (key, values) in subject.Identities)
        {
            foreach (var value in values)
            {
                if (FindMpid(key, value) is { } found)
                {
                    mpids.Add(found);
                }
            }
        }

        if (mpids.Count == 0)
        {
            return mpids;
        }

        // An erasure is reported done to the requester: it reaches the disk before this returns.
        UseSynchronousFull(_synchronousFull);
        using (var secure = _writer.CreateCommand())
        {
            secure.CommandText = PrivacySchema.BeforeErase;
            secure.ExecuteNonQuery();
        }

        using var transaction = _writer.BeginTransaction(deferred: false);
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = PrivacySchema.Erase;
        command.Parameters.AddWithValue("$mpids", JsonSerializer.Serialize(mpids.ToArray(), PrivacyJsonContext.Default.Int64Array));
        command.ExecuteNonQuery();
        foreach (var mpid in mpids)
        {
            Marks.Profile(mpid);
            Marks.LinksOf(mpid);
        }

        transaction.Commit();
        Marks.CommitDone();
        // Not beside a background checkpoint, which would leave the truncating one busy and the erased rows in the log.
        _checkpointer.RunExclusive(() =>
        {
            using var settle = _writer.CreateCommand();
            settle.CommandText = PrivacySchema.AfterErase;
            settle.ExecuteNonQuery();
        });
        return mpids;
    }
}
