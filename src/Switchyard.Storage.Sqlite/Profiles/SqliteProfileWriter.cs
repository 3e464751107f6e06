using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Carries out one session's writes on the writer connection, inside the commit transaction, in the order the session
/// made them. Starts from the identity and membership rows the session read beside each profile (still stored: the
/// commit checked the profiles first), so saving a profile again needs no query to find what to unlink. Links the
/// commit has just confirmed (<see cref="IsLinkedTo"/>, or <see cref="Linked"/> from the write marks) or written are
/// remembered for the rest of the session's writes, so pointing an identity at the profile it already belongs to, the
/// common case, writes nothing. Every profile and link it changes is marked (<see cref="WriteMarks"/>), and what it
/// saved is handed to the store's <see cref="RecentProfiles"/> once the transaction has committed (<see cref="KeepSaved"/>).
/// </summary>
internal sealed partial class SqliteProfileWriter(ProfileStatements statements, Dictionary<long, StoredLinks> known, WriteMarks marks)
{
    private readonly ProfileStatements _statements = statements;

    // Which profile each of these identities points at in the commit's transaction, as of the last statement.
    private readonly Dictionary<(string Key, string Value), long> _linked = [];

    // The profiles saved (with the version the save gave them) and deleted, in order.
    private readonly List<(long Mpid, SavedProfile? Saved, long Version)> _saved = [];

    /// <summary>Whether the profile is still at the version the session read (-1: it was absent).</summary>
    public bool IsAtVersion(long mpid, long version) =>
        (_statements.SelectVersion.Int64(mpid) ?? -1) == version;

    /// <summary>Whether the identity still belongs to the MPID the session found (null: to nobody).</summary>
    public bool IsLinkedTo(string key, string value, long? mpid)
    {
        var stored = _statements.SelectMpid.Int64(key, value);
        if (stored is { } linked)
        {
            _linked[(key, value)] = linked;
        }

        return stored == mpid;
    }

    /// <summary>The identity belongs to <paramref name="mpid"/>, as the session found it and no transaction has changed since.</summary>
    public void Linked(string key, string value, long mpid) => _linked[(key, value)] = mpid;

    /// <summary>Whether an MPID the session handed out is still free.</summary>
    public bool IsFree(long mpid) => !_statements.IsTaken(mpid);

    public void Save(SavedProfile saved)
    {
        marks.Profile(saved.Mpid);
        var version = _statements.UpsertDocument.Int64(saved.Mpid, new Utf8Text(saved.Document))
            ?? throw new InvalidOperationException("Saving a profile returned no version.");
        _saved.Add((saved.Mpid, saved, version));
        var stored = known.GetValueOrDefault(saved.Mpid);
        SyncIdentities(saved.Mpid, saved.Identities, stored?.Identities ?? StoredIdentities(saved.Mpid));
        SyncMemberships(saved.Mpid, saved.Audiences, stored?.Audiences ?? StoredAudiences(saved.Mpid));
        known[saved.Mpid] = new StoredLinks(saved.Identities, saved.Audiences);
    }

    public void Delete(long mpid)
    {
        marks.Profile(mpid);
        marks.LinksOf(mpid);
        _statements.DeleteDocument.Execute(mpid);
        _statements.DeleteIdentitiesOf.Execute(mpid);
        foreach (var link in _linked.Where(l => l.Value == mpid).Select(l => l.Key).ToList())
        {
            _linked.Remove(link);
        }

        _statements.DeleteMembershipsOf.Execute(mpid);
        _statements.DeleteDue.Execute(mpid);
        _statements.RetireMpid.Execute(mpid);
        known[mpid] = StoredLinks.None();
        _saved.Add((mpid, null, 0));
    }

    /// <summary>
    /// Hands the profiles this session saved to <paramref name="recent"/>, in the order it saved and deleted them, each
    /// with the identities its save pointed at it. Called once the transaction has committed, and only for a session
    /// whose writes it kept.
    /// </summary>
    public void KeepSaved(RecentProfiles recent)
    {
        foreach (var (mpid, saved, version) in _saved)
        {
            if (saved is null)
            {
                recent.ForgetProfile(mpid);
            }
            else
            {
                recent.Keep(mpid, saved.Document, version, saved.Identities);
            }
        }
    }

    public void AppendMembershipChange(MembershipChange change) =>
        // AUTOINCREMENT numbers the row; commits are serialised, so id order is commit order.
        _statements.InsertChange.Execute(change.AudienceId, change.Mpid, MembershipActions.ToColumn(change.Action), change.AtMs);

    public void ScheduleEvaluation(long mpid, long? dueMs)
    {
        if (dueMs is { } due)
        {
            _statements.UpsertDue.Execute(mpid, due);
        }
        else
        {
            _statements.DeleteDue.Execute(mpid);
        }
    }

    public void SetCheckpoint(long sequence) => _statements.UpdateCheckpoint.Execute(sequence);

    public void AdvancePartitions(IReadOnlyCollection<int> partitions, long sequence) =>
        _statements.AdvancePartitions.Execute(sequence, JsonArrays.Of(partitions));

    public void AddToTotals(Core.Processing.ProcessingTotals delta)
    {
        foreach (var (name, value) in delta.Named())
        {
            if (value != 0)
            {
                _statements.AddToTotal.Execute(name, value);
            }
        }
    }

    public void Enqueue(OutboxEntry entry) =>
        // AUTOINCREMENT numbers the item; commits are serialised, so id order is commit order.
        _statements.InsertOutboxItem.Execute(entry.OutputId, entry.Mpid, entry.Payload, entry.CreatedAtMs);
}
