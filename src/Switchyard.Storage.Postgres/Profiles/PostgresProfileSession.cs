using Switchyard.Core.Delivery;
using Switchyard.Core.Partitions;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// An optimistic unit of work: each read is a statement of its own on a pooled connection (committed data) and is
/// remembered; writes are folded into their net effect (the final document of each profile, the final owner of each
/// identity, the final schedule and cursor moves) and carried out by <see cref="ProfileCommit"/>. Reads see the
/// session's own writes first. Used by one caller at a time.
/// </summary>
internal sealed class PostgresProfileSession : IProfileSession
{
    private readonly PostgresProfileStore _store;

    private bool _committed;
    private bool _disposed;

    public PostgresProfileSession(PostgresProfileStore store, long checkpoint)
    {
        _store = store;
        Checkpoint = checkpoint;
    }

    public long Checkpoint { get; private set; }

    // What the session read, checked again at commit.

    /// <summary>Profiles read from the store, by MPID (absent ones with <see cref="ReadProfile.Absent"/>).</summary>
    internal Dictionary<long, ReadProfile> Loaded { get; } = [];

    /// <summary>Identities looked up in the store and the MPID each belonged to (null: nobody).</summary>
    internal Dictionary<IdentityLink, long?> Found { get; } = [];

    /// <summary>MPIDs handed out by <see cref="NewMpidAsync"/>, free when handed out.</summary>
    internal HashSet<long> Issued { get; } = [];

    // The net effect of the session's writes, which its own reads see too.

    /// <summary>The final document of every profile saved or deleted (null: deleted).</summary>
    internal Dictionary<long, string?> Documents { get; } = [];

    /// <summary>Profiles deleted at some point of the session (their MPIDs are retired even if saved again).</summary>
    internal HashSet<long> Deleted { get; } = [];

    /// <summary>The final owner of every identity the session linked or unlinked (null: unlinked).</summary>
    internal Dictionary<IdentityLink, long?> Links { get; } = [];

    /// <summary>For identities unlinked, the profiles they were unlinked from: the stored row goes only if it still points at one.</summary>
    internal Dictionary<IdentityLink, HashSet<long>> UnlinkedFrom { get; } = [];

    /// <summary>The audiences of every profile the session knows, as they stand in its view.</summary>
    internal Dictionary<long, HashSet<int>> AudiencesOf { get; } = [];

    /// <summary>The final evaluation time of every profile scheduled or cleared (null: cleared).</summary>
    internal Dictionary<long, long?> Schedule { get; } = [];

    internal List<MembershipChange> Changes { get; } = [];

    internal List<OutboxEntry> Outbox { get; } = [];

    internal Core.Processing.ProcessingTotals Totals { get; private set; } = Core.Processing.ProcessingTotals.Zero;

    /// <summary>
    /// Each partition cursor the session moves: set to the value when <c>Replace</c> (a checkpoint, then any later
    /// advances folded in), otherwise raised to at least the value.
    /// </summary>
    internal Dictionary<int, (bool Replace, long Sequence)> Cursors { get; } = [];

    /// <summary>The epoch each fenced partition's cursor must still carry at commit (<see cref="AdvancePartitions(IReadOnlyCollection{PartitionLease}, long)"/>).</summary>
    internal Dictionary<int, long> Fences { get; } = [];

    /// <summary>Whether the commit must be flushed to disk before it returns (<see cref="RequireDurableCommit"/>).</summary>
    internal bool Durable { get; private set; }

    private readonly Dictionary<long, HashSet<IdentityLink>> _identitiesOf = [];

    public async ValueTask<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identityKey);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfFinished();
        var link = new IdentityLink(identityKey, value);
        if (Links.TryGetValue(link, out var written))
        {
            return written;
        }

        if (!Found.TryGetValue(link, out var found))
        {
            await using var command = _store.Source.CreateCommand(ProfileTables.SelectMpid);
            command.Parameters.AddWithValue("key", identityKey);
            command.Parameters.AddWithValue("value", value);
            found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long mpid ? mpid : null;
            Found[link] = found;
        }

        return found;
    }

    public async ValueTask<Profile?> LoadAsync(long mpid, CancellationToken cancellationToken)
    {
        ThrowIfFinished();
        if (Documents.TryGetValue(mpid, out var written))
        {
            return written is null ? null : ProfileDocuments.Deserialize(written);
        }

        if (!Loaded.TryGetValue(mpid, out var read))
        {
            await using var command = _store.Source.CreateCommand(ProfileTables.SelectDocument);
            command.Parameters.AddWithValue("mpid", mpid);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            read = await rows.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? Remember(mpid, rows.GetString(0), rows.GetInt64(1))
                : Remember(mpid, null, ReadProfile.Absent);
        }

        return read.Document is null ? null : ProfileDocuments.Deserialize(read.Document);
    }

    public async ValueTask<long> NewMpidAsync(CancellationToken cancellationToken)
    {
        ThrowIfFinished();
        while (true)
        {
            var mpid = _store.MpidSource();

            // Ids handed out or saved in this session are not in the tables yet, hence the session's own sets as well.
            if (mpid == 0 || Issued.Contains(mpid) || Loaded.ContainsKey(mpid) || Documents.ContainsKey(mpid))
            {
                continue;
            }

            await using var command = _store.Source.CreateCommand(ProfileTables.MpidTaken);
            command.Parameters.AddWithValue("mpid", mpid);
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                Issued.Add(mpid);
                _identitiesOf[mpid] = [];
                AudiencesOf[mpid] = [];
                return mpid;
            }
        }
    }

    public void Save(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ThrowIfFinished();
        if (profile.Mpid == 0)
        {
            throw new ArgumentException("A profile needs an MPID before it is saved (see NewMpidAsync).", nameof(profile));
        }

        // Checked and copied now: a refused profile leaves the session as it was, and later changes to the object do
        // not reach the commit.
        var document = ProfileDocuments.Serialize(profile);
        var identities = IdentityLink.Of(profile);
        var mpid = profile.Mpid;
        Know(mpid);
        Unlink(mpid, _identitiesOf[mpid].Where(link => !identities.Contains(link)));
        foreach (var link in identities)
        {
            Links[link] = mpid;
        }

        _identitiesOf[mpid] = identities;
        AudiencesOf[mpid] = [.. profile.Audiences];
        Documents[mpid] = document;
    }

    public void Delete(long mpid)
    {
        ThrowIfFinished();
        Know(mpid);
        Unlink(mpid, _identitiesOf[mpid]);
        _identitiesOf[mpid] = [];
        AudiencesOf[mpid] = [];
        Documents[mpid] = null;
        Deleted.Add(mpid);
        Schedule[mpid] = null;
    }

    public void AppendMembershipChange(MembershipChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ThrowIfFinished();
        Changes.Add(change);
    }

    public async ValueTask<IReadOnlyList<long>> MembersOfAnyAsync(IReadOnlyCollection<int> audienceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audienceIds);
        ThrowIfFinished();
        if (audienceIds.Count == 0)
        {
            return [];
        }

        var members = new SortedSet<long>();
        await using (var command = _store.Source.CreateCommand(ProfileTables.MembersOfAny))
        {
            command.Parameters.AddWithValue("audiences", audienceIds.ToArray());
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                members.Add(rows.GetInt64(0));
            }
        }

        // The session's own saves and deletes count as they will once committed.
        foreach (var mpid in Documents.Keys)
        {
            if (AudiencesOf.TryGetValue(mpid, out var audiences) && audiences.Overlaps(audienceIds))
            {
                members.Add(mpid);
            }
            else
            {
                members.Remove(mpid);
            }
        }

        return [.. members];
    }

    public void ScheduleEvaluation(long mpid, long? dueMs)
    {
        ThrowIfFinished();
        Schedule[mpid] = dueMs;
    }

    public async ValueTask<IReadOnlyList<long>> DueForEvaluationAsync(long nowMs, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ThrowIfFinished();
        await using var command = _store.Source.CreateCommand(ProfileTables.SelectDue);
        command.Parameters.AddWithValue("now", nowMs);
        command.Parameters.AddWithValue("limit", limit);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<long>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(rows.GetInt64(0));
        }

        return due;
    }

    public void SetCheckpoint(long sequence)
    {
        ThrowIfFinished();
        Checkpoint = sequence;
        for (var partition = 0; partition < _store.PartitionCount; partition++)
        {
            Cursors[partition] = (true, sequence);
        }
    }

    public void AdvancePartitions(IReadOnlyCollection<int> partitions, long sequence)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ThrowIfFinished();
        foreach (var partition in partitions)
        {
            Cursors[partition] = Cursors.TryGetValue(partition, out var move)
                ? (move.Replace, Math.Max(move.Sequence, sequence))
                : (false, sequence);
        }
    }

    public void AdvancePartitions(IReadOnlyCollection<PartitionLease> leases, long sequence)
    {
        ArgumentNullException.ThrowIfNull(leases);
        AdvancePartitions([.. leases.Select(l => l.Partition)], sequence);
        foreach (var lease in leases)
        {
            Fences[lease.Partition] = lease.Epoch;
        }
    }

    public void AddToTotals(Core.Processing.ProcessingTotals delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ThrowIfFinished();
        Totals = Totals.Plus(delta);
    }

    public void Enqueue(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.OutputId);
        ArgumentNullException.ThrowIfNull(entry.Payload);
        ThrowIfFinished();
        Outbox.Add(entry);
    }

    public void RequireDurableCommit()
    {
        ThrowIfFinished();
        Durable = true;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfFinished();
        cancellationToken.ThrowIfCancellationRequested();
        _committed = true;
        await _store.CommitAsync(this).ConfigureAwait(false);
    }

    /// <summary>The rows stored beside a profile that the commit starts from: none after a delete in the session.</summary>
    internal HashSet<int> StoredAudiences(long mpid) =>
        !Deleted.Contains(mpid) && Loaded.TryGetValue(mpid, out var read) ? read.Audiences : [];

    /// <summary>Discards whatever was not committed (nothing was sent to the database).</summary>
    public void Dispose() => _disposed = true;

    private ReadProfile Remember(long mpid, string? document, long version)
    {
        var profile = document is null ? null : ProfileDocuments.Deserialize(document);
        var read = new ReadProfile(
            document,
            version,
            profile is null ? [] : IdentityLink.Of(profile),
            profile is null ? [] : [.. profile.Audiences]);
        Loaded[mpid] = read;
        if (!_identitiesOf.ContainsKey(mpid))
        {
            _identitiesOf[mpid] = [.. read.Identities];
            AudiencesOf[mpid] = [.. read.Audiences];
        }

        return read;
    }

    /// <summary>
    /// Makes sure the session knows the identities of a profile it is about to save or delete, so that it can drop the
    /// stored ones. Reads the stored profile when the session has neither read nor written it: a synchronous read, as
    /// <see cref="Save"/> and <see cref="Delete"/> are synchronous, and rare, since callers load a profile before they
    /// change it.
    /// </summary>
    private void Know(long mpid)
    {
        if (_identitiesOf.ContainsKey(mpid) || Loaded.ContainsKey(mpid))
        {
            return;
        }

        using var command = _store.Source.CreateCommand(ProfileTables.SelectDocument);
        command.Parameters.AddWithValue("mpid", mpid);
        using var rows = command.ExecuteReader();
        if (rows.Read())
        {
            Remember(mpid, rows.GetString(0), rows.GetInt64(1));
        }
        else
        {
            Remember(mpid, null, ReadProfile.Absent);
        }
    }

    /// <summary>Links of <paramref name="mpid"/> that no longer hold in the session's view (dropped only if still its own).</summary>
    private void Unlink(long mpid, IEnumerable<IdentityLink> links)
    {
        foreach (var link in links.ToList())
        {
            var owner = Links.TryGetValue(link, out var written) ? written : Found.GetValueOrDefault(link, mpid);
            if (owner == mpid)
            {
                Links[link] = null;
                if (!UnlinkedFrom.TryGetValue(link, out var from))
                {
                    UnlinkedFrom[link] = from = [];
                }

                from.Add(mpid);
            }
        }
    }

    private void ThrowIfFinished()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException("The profile session has been committed; begin a new session for more work.");
        }
    }
}
