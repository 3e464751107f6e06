using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// An optimistic unit of work: reads go to the store's <see cref="RecentProfiles"/> or a pooled reader connection
/// (committed data either way) and are remembered, writes are recorded, and <see cref="CommitAsync"/> hands both to the
/// store, which checks the reads and carries out the writes in one transaction (<see cref="SqliteProfileStore"/>'s group
/// commit). Reads see the session's own writes first. Used by one caller at a time.
/// </summary>
internal sealed partial class SqliteProfileSession : IProfileSession
{
    private readonly SqliteProfileStore _store;
    private readonly Func<long> _randomMpid;
    private SessionReader? _reader;

    // What the session read from the store, checked again at commit.
    private readonly Dictionary<long, (byte[]? Document, long Version)> _loaded;
    private readonly Dictionary<long, StoredLinks> _stored;
    private readonly Dictionary<(string Key, string Value), long?> _found;
    private readonly Dictionary<int, long> _fences = [];
    private readonly HashSet<long> _issued = [];

    // The session's own writes as its reads must see them, and the rows each profile has in the session's view. The
    // sets are never changed once built (here, in StoredLinks, in SavedProfile), so they are shared rather than copied.
    private readonly Dictionary<long, byte[]?> _documents;
    private readonly Dictionary<(string Key, string Value), long?> _links;
    private readonly Dictionary<long, HashSet<(string Key, string Value)>> _identitiesOf;
    private readonly Dictionary<long, HashSet<int>> _audiencesOf;

    private readonly List<Action<SqliteProfileWriter>> _writes;

    // The store's last committed write transaction before the session's first read (WriteMarks).
    private readonly long _seen;
    private bool _committed;
    private bool _disposed;

    /// <param name="sizes">How large to make the records at the start (<see cref="SessionSizes"/>).</param>
    /// <param name="seen">The store's <see cref="WriteMarks.Committed"/>, noted before this session reads anything.</param>
    public SqliteProfileSession(SqliteProfileStore store, SessionReader reader, Func<long> randomMpid, SessionSizes sizes, long seen)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        _store = store;
        _seen = seen;
        _reader = reader;
        _randomMpid = randomMpid;
        _loaded = new(sizes.Profiles);
        _stored = new(sizes.Profiles);
        _documents = new(sizes.Profiles);
        _identitiesOf = new(sizes.Profiles);
        _audiencesOf = new(sizes.Profiles);
        _found = new(sizes.Identities);
        _links = new(sizes.Identities);
        _writes = new(sizes.Writes);
        Checkpoint = reader.Statements.SelectCheckpoint.Int64() ?? throw new InvalidDataException("The profile store has no checkpoint row.");
    }

    public long Checkpoint { get; private set; }

    /// <summary>The rows beside each profile as read from the store, where the commit's writer starts from.</summary>
    internal Dictionary<long, StoredLinks> StoredLinksRead()
    {
        var links = new Dictionary<long, StoredLinks>(_stored);
        foreach (var mpid in _issued)
        {
            links[mpid] = StoredLinks.None();
        }

        return links;
    }

    public ValueTask<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identityKey);
        ArgumentNullException.ThrowIfNull(value);
        var reader = Reading(cancellationToken);
        if (_links.TryGetValue((identityKey, value), out var written))
        {
            return ValueTask.FromResult(written);
        }

        if (!_found.TryGetValue((identityKey, value), out var found))
        {
            found = _store.Recent.TryLink(identityKey, value, out var kept) ? kept : reader.Statements.SelectMpid.Int64(identityKey, value);
            _found[(identityKey, value)] = found;
        }

        return ValueTask.FromResult(found);
    }

    public ValueTask<Profile?> LoadAsync(long mpid, CancellationToken cancellationToken)
    {
        var reader = Reading(cancellationToken);
        if (_documents.TryGetValue(mpid, out var written))
        {
            return ValueTask.FromResult(written is null ? null : ProfileDocuments.Deserialize(written));
        }

        if (_loaded.TryGetValue(mpid, out var again))
        {
            return ValueTask.FromResult(again.Document is null ? null : ProfileDocuments.Deserialize(again.Document));
        }

        return ValueTask.FromResult(Read(reader, mpid));
    }

    /// <summary>
    /// Reads the profile from the store (once per session: later reads use what this one read), noting its version
    /// and the rows stored beside it; returns it deserialized, a copy of its own for the caller.
    /// </summary>
    private Profile? Read(SessionReader reader, long mpid)
    {
        var read = ReadDocument(reader, mpid);
        _loaded[mpid] = read;
        var profile = read.Document is null ? null : ProfileDocuments.Deserialize(read.Document);
        var stored = profile is null ? StoredLinks.None() : new StoredLinks(ProfileDocuments.Identities(profile), new HashSet<int>(profile.Audiences));
        _stored[mpid] = stored;
        if (!_identitiesOf.ContainsKey(mpid))
        {
            _identitiesOf[mpid] = stored.Identities;
            _audiencesOf[mpid] = stored.Audiences;
        }

        return profile;
    }

    /// <summary>
    /// Makes sure the session knows which identities and audiences the profile has (in its own view), reading the
    /// stored profile when the session has neither read nor written it yet: a save or delete must drop what is stored.
    /// </summary>
    private void Know(long mpid)
    {
        if (!_identitiesOf.ContainsKey(mpid) && !_loaded.ContainsKey(mpid))
        {
            Read(Reading(CancellationToken.None), mpid);
        }
    }

    public ValueTask<long> NewMpidAsync(CancellationToken cancellationToken)
    {
        var reader = Reading(cancellationToken);
        while (true)
        {
            var mpid = _randomMpid();

            // Two ids handed out in one session are not in the table yet, hence the session's own set as well.
            if (mpid != 0 && !_issued.Contains(mpid) && !_loaded.ContainsKey(mpid) && !reader.Statements.IsTaken(mpid))
            {
                _issued.Add(mpid);
                _identitiesOf[mpid] = [];
                _audiencesOf[mpid] = [];
                return ValueTask.FromResult(mpid);
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

        // Checked and copied now, so a refused profile leaves the session as it was and later changes to the object
        // do not leak into the commit.
        var saved = new SavedProfile(profile.Mpid, ProfileDocuments.SerializeToUtf8(profile), ProfileDocuments.Identities(profile), new HashSet<int>(profile.Audiences));
        Know(profile.Mpid);
        Unlink(profile.Mpid, _identitiesOf[profile.Mpid].Where(link => !saved.Identities.Contains(link)));

        foreach (var link in saved.Identities)
        {
            _links[link] = profile.Mpid;
        }

        _identitiesOf[profile.Mpid] = saved.Identities;
        _audiencesOf[profile.Mpid] = saved.Audiences;
        _documents[profile.Mpid] = saved.Document;
        _writes.Add(writer => writer.Save(saved));
    }

    public void Delete(long mpid)
    {
        ThrowIfFinished();
        Know(mpid);
        Unlink(mpid, _identitiesOf[mpid]);
        _identitiesOf[mpid] = [];
        _audiencesOf[mpid] = [];
        _documents[mpid] = null;
        _writes.Add(writer => writer.Delete(mpid));
    }

    public void AppendMembershipChange(MembershipChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ThrowIfFinished();
        _writes.Add(writer => writer.AppendMembershipChange(change));
    }

    public ValueTask<IReadOnlyList<long>> MembersOfAnyAsync(IReadOnlyCollection<int> audienceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audienceIds);
        var reader = Reading(cancellationToken);
        if (audienceIds.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<long>>([]);
        }

        var members = new SortedSet<long>();
        using (var rows = reader.Statements.MembersOfAny.Query(JsonArrays.Of(audienceIds)))
        {
            while (rows.Read())
            {
                members.Add(rows.GetInt64(0));
            }
        }

        // The session's own saves and deletes count as they will once committed.
        foreach (var mpid in _documents.Keys)
        {
            if (_audiencesOf.TryGetValue(mpid, out var audiences) && audiences.Overlaps(audienceIds))
            {
                members.Add(mpid);
            }
            else
            {
                members.Remove(mpid);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<long>>([.. members]);
    }

    public void ScheduleEvaluation(long mpid, long? dueMs)
    {
        ThrowIfFinished();
        _writes.Add(writer => writer.ScheduleEvaluation(mpid, dueMs));
    }

    public ValueTask<IReadOnlyList<long>> DueForEvaluationAsync(long nowMs, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var reader = Reading(cancellationToken);
        var due = new List<long>();
        using (var rows = reader.Statements.SelectDue.Query(nowMs, limit))
        {
            while (rows.Read())
            {
                due.Add(rows.GetInt64(0));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<long>>(due);
    }

    public void SetCheckpoint(long sequence)
    {
        ThrowIfFinished();
        Checkpoint = sequence;
        _writes.Add(writer => writer.SetCheckpoint(sequence));
    }

    public void AdvancePartitions(IReadOnlyCollection<int> partitions, long sequence)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ThrowIfFinished();
        int[] copy = [.. partitions];
        _writes.Add(writer => writer.AdvancePartitions(copy, sequence));
    }

    public void AdvancePartitions(IReadOnlyCollection<Core.Partitions.PartitionLease> leases, long sequence)
    {
        ArgumentNullException.ThrowIfNull(leases);
        AdvancePartitions([.. leases.Select(l => l.Partition)], sequence);
        foreach (var lease in leases)
        {
            _fences[lease.Partition] = lease.Epoch;
        }
    }

    /// <summary>The epoch each fenced partition must still carry at commit.</summary>
    internal IReadOnlyDictionary<int, long> Fences => _fences;

    public void AddToTotals(Core.Processing.ProcessingTotals delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ThrowIfFinished();
        _writes.Add(writer => writer.AddToTotals(delta));
    }

    public void Enqueue(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.OutputId);
        ArgumentNullException.ThrowIfNull(entry.Payload);
        ThrowIfFinished();
        _writes.Add(writer => writer.Enqueue(entry));
    }

    /// <summary>Whether the commit must reach the disk before it returns (<see cref="RequireDurableCommit"/>).</summary>
    internal bool Durable { get; private set; }

    public void RequireDurableCommit()
    {
        ThrowIfFinished();
        Durable = true;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfFinished();
        cancellationToken.ThrowIfCancellationRequested();

        // The reader goes back to the pool first: everything it is needed for has been read.
        ReturnReader();
        _committed = true;
        _store.NoteSessionSizes(new SessionSizes(_identitiesOf.Count, Math.Max(_found.Count, _links.Count), _writes.Count));
        await _store.CommitAsync(this).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether everything the session read is still as it read it (checked inside the commit transaction): from the
    /// store's <see cref="WriteMarks"/> when they cover the session, else by reading the rows again.
    /// </summary>
    internal bool StillHolds(SqliteProfileWriter writer, WriteMarks marks)
    {
        var marked = marks.Cover(_seen);
        foreach (var (mpid, (_, version)) in _loaded)
        {
            if (marked ? marks.ProfileChangedSince(mpid, _seen) : !writer.IsAtVersion(mpid, version))
            {
                return false;
            }
        }

        foreach (var ((key, value), mpid) in _found)
        {
            if (marked ? marks.LinkChangedSince(key, value, mpid, _seen) : !writer.IsLinkedTo(key, value, mpid))
            {
                return false;
            }

            if (marked && mpid is { } owner)
            {
                writer.Linked(key, value, owner);
            }
        }

        foreach (var mpid in _issued)
        {
            if (!writer.IsFree(mpid))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Carries out the recorded writes, in order (inside the commit transaction, after <see cref="StillHolds"/>).</summary>
    internal void Apply(SqliteProfileWriter writer)
    {
        foreach (var write in _writes)
        {
            write(writer);
        }
    }

    /// <summary>Discards whatever was not committed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReturnReader();
    }

    /// <summary>
    /// The profile as last committed: kept by the store's recent profiles, else read from the database (an absent one
    /// is then kept as absent).
    /// </summary>
    private (byte[]? Document, long Version) ReadDocument(SessionReader reader, long mpid)
    {
        var recent = _store.Recent;
        if (recent.TryProfile(mpid, out var document, out var version))
        {
            return (document, version);
        }

        var generation = recent.Generation;
        if (reader.Statements.SelectDocument.TextAndInteger(mpid) is { } row)
        {
            return row;
        }

        recent.KeepAbsent(mpid, generation);
        return (null, -1);
    }

    /// <summary>Links of <paramref name="mpid"/> that no longer hold in the session's view (dropped only if still its own).</summary>
    private void Unlink(long mpid, IEnumerable<(string Key, string Value)> links)
    {
        foreach (var link in links.ToList())
        {
            var owner = _links.TryGetValue(link, out var written) ? written : _found.GetValueOrDefault(link, mpid);
            if (owner == mpid)
            {
                _links[link] = null;
            }
        }
    }

    private SessionReader Reading(CancellationToken cancellationToken)
    {
        ThrowIfFinished();
        cancellationToken.ThrowIfCancellationRequested();
        return _reader ?? throw new InvalidOperationException("The profile session has no reader.");
    }

    private void ReturnReader()
    {
        if (_reader is { } reader)
        {
            _reader = null;
            _store.ReturnReader(reader);
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
