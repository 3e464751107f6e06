namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// The profiles the store's recent commits saved, each with its document, its version and the identity links that point
/// at it, kept in memory so that a session reading one of them again (a user's next batch) needs no query. Sessions of
/// every lane read here side by side; the store's writer changes it under the session gate.
/// </summary>
/// <remarks>
/// <para>
/// Every write to a profile or an identity link marks it (<see cref="WriteMarks"/>), and a mark forgets the entries it
/// touches while the transaction is still running; once the transaction has committed, the store keeps what it saved
/// (<see cref="Keep"/>) before the transaction's number is published. So a saved profile or a link, once kept, is the
/// row as last committed until it is forgotten again.
/// </para>
/// <para>
/// A link is kept only beside the profile it points at, so forgetting a profile forgets its links too. Entries beyond
/// the byte budget go, least recently kept first.
/// </para>
/// <para>
/// An MPID a session looked up and the database did not have is kept as absent (<see cref="KeepAbsent"/>): batches
/// often carry an MPID that another system gave the user. Only a commit that saved the profile can make it present,
/// and that commit keeps it afterwards (<see cref="Keep"/>, which counts in <see cref="Generation"/>), so a session
/// notes the generation before its read and the absence is kept only if no profile was kept in between. A profile
/// kept since then may be the one looked up, kept still or already dropped again, so the absence read before it may
/// no longer hold. An absence read while a transaction that creates the profile is running is kept, and is wrong from
/// that commit until the commit keeps the profile: a session reading it then began before the transaction's number
/// was published, so the transaction's mark makes its commit conflict. If keeping fails after a commit, the store
/// clears everything (<see cref="Clear"/>), so no such absence outlives the number's publication.
/// </para>
/// </remarks>
internal sealed class RecentProfiles(long budgetBytes)
{
    // What an entry costs beyond its document and identity values: the entry, its list node and dictionary slots.
    private const int EntryOverhead = 160;
    private const int LinkOverhead = 96;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Entry> _profiles = [];
    private readonly Dictionary<(string Key, string Value), long> _links = [];
    private readonly LinkedList<long> _order = [];
    private long _bytes;
    private long _generation;

    /// <summary>How many entries, profiles and absences, are kept now (tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _profiles.Count;
            }
        }
    }

    /// <summary>How many times a commit has kept a profile (or everything was cleared), for <see cref="KeepAbsent"/>.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>
    /// The profile's committed document and version when kept; a null document (version -1) when it is kept as absent.
    /// </summary>
    public bool TryProfile(long mpid, out byte[]? document, out long version)
    {
        lock (_gate)
        {
            if (_profiles.TryGetValue(mpid, out var entry))
            {
                document = entry.Document;
                version = entry.Version;
                return true;
            }
        }

        document = null;
        version = 0;
        return false;
    }

    /// <summary>The profile the identity points at, when kept.</summary>
    public bool TryLink(string key, string value, out long mpid)
    {
        lock (_gate)
        {
            return _links.TryGetValue((key, value), out mpid);
        }
    }

    /// <summary>Forgets the profile and every link kept beside it (it is being written, deleted or erased).</summary>
    public void ForgetProfile(long mpid)
    {
        lock (_gate)
        {
            if (_profiles.Remove(mpid, out var entry))
            {
                Drop(mpid, entry);
            }
        }
    }

    /// <summary>Forgets where the identity points (it is being pointed elsewhere or dropped).</summary>
    public void ForgetLink(string key, string value)
    {
        lock (_gate)
        {
            _links.Remove((key, value));
        }
    }

    /// <summary>
    /// Keeps a profile as a commit has just saved it, with the identities its save pointed at it; then drops the least
    /// recently kept entries while over budget. Called after the commit and before its number is published.
    /// </summary>
    public void Keep(long mpid, byte[] document, long version, IReadOnlyCollection<(string Key, string Value)> identities)
    {
        var cost = EntryOverhead + document.Length + identities.Sum(link => LinkOverhead + (2 * (link.Key.Length + link.Value.Length)));
        lock (_gate)
        {
            _generation++;
            Put(mpid, document, version, identities, cost);
        }
    }

    /// <summary>
    /// Keeps the MPID as absent, as a session has just read it from the database, unless a profile has been kept since
    /// the session noted <paramref name="generation"/> (or this one is kept already).
    /// </summary>
    public void KeepAbsent(long mpid, long generation)
    {
        lock (_gate)
        {
            if (_generation == generation && !_profiles.ContainsKey(mpid))
            {
                Put(mpid, null, -1, [], EntryOverhead);
            }
        }
    }

    /// <summary>Puts the entry in place of any the profile had, then drops the least recently kept while over budget.</summary>
    private void Put(long mpid, byte[]? document, long version, IReadOnlyCollection<(string Key, string Value)> identities, long cost)
    {
        if (_profiles.Remove(mpid, out var old))
        {
            Drop(mpid, old);
        }

        if (cost > budgetBytes)
        {
            return;
        }

        _profiles[mpid] = new Entry(document, version, identities, _order.AddLast(mpid), cost);
        _bytes += cost;
        foreach (var link in identities)
        {
            _links[link] = mpid;
        }

        while (_bytes > budgetBytes && _order.First is { } oldest)
        {
            _profiles.Remove(oldest.Value, out var evicted);
            Drop(oldest.Value, evicted!);
        }
    }

    /// <summary>
    /// Forgets everything, and refuses the absences of reads already under way (a commit could not keep what it saved).
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            _profiles.Clear();
            _links.Clear();
            _order.Clear();
            _bytes = 0;
        }
    }

    /// <summary>Removes what a profile's entry holds besides itself: its place in the order, its links, its bytes.</summary>
    private void Drop(long mpid, Entry entry)
    {
        _order.Remove(entry.Node);
        _bytes -= entry.Cost;
        foreach (var link in entry.Identities)
        {
            // Another profile may have taken the identity since; its link stays.
            if (_links.TryGetValue(link, out var owner) && owner == mpid)
            {
                _links.Remove(link);
            }
        }
    }

    private sealed record Entry(byte[]? Document, long Version, IReadOnlyCollection<(string Key, string Value)> Identities, LinkedListNode<long> Node, long Cost);
}
