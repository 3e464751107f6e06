using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// One write transaction on the store's writer connection (<c>BEGIN IMMEDIATE</c>, so it never has to upgrade a read
/// lock and fail half way). Reads inside the session see its own writes; nothing is visible to other connections
/// until <see cref="Commit"/>. Used by one thread at a time, like the connection under it.
/// </summary>
internal sealed partial class SqliteProfileSession : IProfileSession
{
    private readonly ProfileStatements _statements;
    private readonly SqliteTransaction _transaction;
    private readonly Action _release;
    private readonly Func<long> _randomMpid;
    private readonly HashSet<long> _issuedMpids = [];

    // Links beside the documents this session has loaded, saved, deleted or created: a later Save diffs against
    // them instead of querying, which spares two statements per profile on the processor's load-save path.
    private readonly Dictionary<long, StoredLinks> _known = [];
    private bool _committed;
    private bool _disposed;

    public SqliteProfileSession(ProfileStatements statements, SqliteTransaction transaction, Func<long> randomMpid, Action release)
    {
        _randomMpid = randomMpid;
        _statements = statements;
        _transaction = transaction;
        _release = release;
        Checkpoint = (long)_statements.SelectCheckpoint.Scalar()!;
    }

    public long Checkpoint { get; private set; }

    public long? FindMpid(string identityKey, string value)
    {
        ArgumentNullException.ThrowIfNull(identityKey);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfFinished();
        return _statements.SelectMpid.Scalar(identityKey, value) is long mpid ? mpid : null;
    }

    public Profile? Load(long mpid)
    {
        ThrowIfFinished();
        if (_statements.SelectDocument.Scalar(mpid) is not string document)
        {
            return null;
        }

        // Every Save keeps identity and membership rows in line with the document, so the document tells what is stored.
        var profile = ProfileDocuments.Deserialize(document);
        _known[mpid] = new StoredLinks(IdentityLinks(profile), [.. profile.Audiences]);
        return profile;
    }

    public long NewMpid()
    {
        ThrowIfFinished();
        while (true)
        {
            var mpid = _randomMpid();

            // Two ids handed out in one session are not in the table yet, hence the session's own set as well.
            if (mpid != 0 && !_issuedMpids.Contains(mpid) && (long)_statements.MpidTaken.Scalar(mpid)! == 0)
            {
                _issuedMpids.Add(mpid);
                _known[mpid] = StoredLinks.None();
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
            throw new ArgumentException("A profile needs an MPID before it is saved (see NewMpid).", nameof(profile));
        }

        // Checked before the first write, so a refused profile leaves the session as it was.
        var identities = IdentityLinks(profile);
        _statements.UpsertDocument.Execute(profile.Mpid, ProfileDocuments.Serialize(profile));
        var known = _known.GetValueOrDefault(profile.Mpid);
        SyncIdentities(profile.Mpid, identities, known?.Identities ?? StoredIdentities(profile.Mpid));
        SyncMemberships(profile, known?.Audiences ?? StoredAudiences(profile.Mpid));
        _known[profile.Mpid] = new StoredLinks(identities, [.. profile.Audiences]);
    }

    public void Delete(long mpid)
    {
        ThrowIfFinished();
        _statements.DeleteDocument.Execute(mpid);
        _statements.DeleteIdentitiesOf.Execute(mpid);
        _statements.DeleteMembershipsOf.Execute(mpid);
        _statements.DeleteDue.Execute(mpid);
        _statements.RetireMpid.Execute(mpid);
        _known[mpid] = StoredLinks.None();
    }

    public void AppendMembershipChange(MembershipChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ThrowIfFinished();

        // AUTOINCREMENT numbers the row; with one writer session at a time, id order is commit order.
        _statements.InsertChange.Execute(change.AudienceId, change.Mpid, MembershipActions.ToColumn(change.Action), change.AtMs);
    }

    public IReadOnlyList<long> MembersOfAny(IReadOnlyCollection<int> audienceIds)
    {
        ArgumentNullException.ThrowIfNull(audienceIds);
        ThrowIfFinished();
        if (audienceIds.Count == 0)
        {
            return [];
        }

        var members = new List<long>();
        using var reader = _statements.MembersOfAny.Query(JsonArray(audienceIds));
        while (reader.Read())
        {
            members.Add(reader.GetInt64(0));
        }

        return members;
    }

    public void ScheduleEvaluation(long mpid, long? dueMs)
    {
        ThrowIfFinished();
        if (dueMs is { } due)
        {
            _statements.UpsertDue.Execute(mpid, due);
        }
        else
        {
            _statements.DeleteDue.Execute(mpid);
        }
    }

    public IReadOnlyList<long> DueForEvaluation(long nowMs, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ThrowIfFinished();
        var due = new List<long>();
        using var reader = _statements.SelectDue.Query(nowMs, limit);
        while (reader.Read())
        {
            due.Add(reader.GetInt64(0));
        }

        return due;
    }

    public void SetCheckpoint(long sequence)
    {
        ThrowIfFinished();
        _statements.UpdateCheckpoint.Execute(sequence);
        Checkpoint = sequence;
    }

    public void AddToTotals(Core.Processing.ProcessingTotals delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ThrowIfFinished();
        foreach (var (name, value) in delta.Named())
        {
            if (value != 0)
            {
                _statements.AddToTotal.Execute(name, value);
            }
        }
    }

    public void Enqueue(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.OutputId);
        ArgumentNullException.ThrowIfNull(entry.Payload);
        ThrowIfFinished();

        // AUTOINCREMENT numbers the item; with one writer session at a time, id order is commit order.
        _statements.InsertOutboxItem.Execute(entry.OutputId, entry.Mpid, entry.Payload, entry.CreatedAtMs);
    }

    public void Commit()
    {
        ThrowIfFinished();
        _transaction.Commit();
        _committed = true;
    }

    /// <summary>Rolls back whatever was not committed and lets the next session begin.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _statements.Enlist(null);
            _transaction.Dispose();
        }
        finally
        {
            _release();
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

    private static string JsonArray(IReadOnlyCollection<int> values)
    {
        var text = new StringBuilder("[");
        foreach (var value in values)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
