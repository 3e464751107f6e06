namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Which profiles and identity links the store's recent write transactions changed, numbered in commit order, so that a
/// session's commit can tell whether what it read still holds without reading those rows again. The store is the only
/// writer of its file (<see cref="DatabaseFileLock"/>), and every write to profiles and identities goes through the writer
/// connection under the session gate: a group commit (<see cref="SqliteProfileWriter"/>) or an erasure. Those mark what
/// they change, so the marks are complete for every transaction after <see cref="Horizon"/>.
/// </summary>
/// <remarks>
/// <para>
/// A session notes <see cref="Committed"/> before its first read. Every transaction numbered up to that had committed
/// before the session read anything, so the session saw it; one numbered after may or may not have been seen. So a row
/// marked after the number the session noted counts as changed (at worst a conflict that running the session again
/// resolves), and a row not marked since is as the session read it.
/// </para>
/// <para>
/// Marks are made while the transaction runs, before it is known to commit: a transaction rolled back leaves marks of a
/// number that the next transaction takes again, which can only make a check more cautious. Past
/// <see cref="Capacity"/> marks they are dropped and <see cref="Horizon"/> moves up; a session that began before the
/// horizon has its reads checked against the database as before.
/// </para>
/// <para>
/// A mark also forgets what <see cref="RecentProfiles"/> keeps of the row it marks, so that sessions read a row a
/// transaction is changing from the database until the commit keeps it again (an absence read meanwhile is the one
/// exception; <see cref="RecentProfiles"/> says why the mark still covers it).
/// </para>
/// <para>All members except <see cref="Committed"/> are called under the store's session gate.</para>
/// </remarks>
/// <param name="recent">The store's recent profiles, or null when it keeps none.</param>
internal sealed class WriteMarks(RecentProfiles? recent = null)
{
    /// <summary>How many marks are kept by default before they are dropped (about 100 bytes each).</summary>
    public const int DefaultCapacity = 100_000;

    /// <summary>How many marks are kept before they are dropped (tests lower it to move the horizon).</summary>
    public int Capacity { get; set; } = DefaultCapacity;

    private readonly Dictionary<long, long> _profiles = [];
    private readonly Dictionary<long, long> _linksCleared = [];
    private readonly Dictionary<(string Key, string Value), long> _links = [];
    private long _committed;

    /// <summary>The number of the last write transaction that committed (read without the gate).</summary>
    public long Committed => Volatile.Read(ref _committed);

    /// <summary>The marks cover every transaction numbered after this.</summary>
    public long Horizon { get; private set; }

    private long Current => _committed + 1;

    /// <summary>Whether a session that noted <paramref name="seen"/> can be checked with the marks alone.</summary>
    public bool Cover(long seen) => seen >= Horizon;

    /// <summary>The profile's document was written or deleted.</summary>
    public void Profile(long mpid)
    {
        _profiles[mpid] = Current;
        recent?.ForgetProfile(mpid);
    }

    /// <summary>The identity link was written or dropped.</summary>
    public void Link(string key, string value)
    {
        _links[(key, value)] = Current;
        recent?.ForgetLink(key, value);
    }

    /// <summary>Every identity link of the profile was dropped (a deletion or an erasure).</summary>
    public void LinksOf(long mpid)
    {
        _linksCleared[mpid] = Current;
        recent?.ForgetProfile(mpid);
    }

    /// <summary>Whether the profile has been written since the session's number.</summary>
    public bool ProfileChangedSince(long mpid, long seen) => _profiles.TryGetValue(mpid, out var at) && at > seen;

    /// <summary>
    /// Whether the link the session found (<paramref name="owner"/>, null for nobody) may have changed since: the link
    /// itself was written or dropped, or its owner's links were all dropped.
    /// </summary>
    public bool LinkChangedSince(string key, string value, long? owner, long seen) =>
        (_links.TryGetValue((key, value), out var at) && at > seen)
        || (owner is { } mpid && _linksCleared.TryGetValue(mpid, out var cleared) && cleared > seen);

    /// <summary>The current transaction committed: the next one gets the next number.</summary>
    public void CommitDone()
    {
        Volatile.Write(ref _committed, _committed + 1);
        if (_profiles.Count + _links.Count + _linksCleared.Count > Capacity)
        {
            _profiles.Clear();
            _links.Clear();
            _linksCleared.Clear();
            Horizon = _committed;
        }
    }
}
