using Npgsql;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// The statements of one session's commit (<see cref="PostgresProfileStore.CommitAsync(PostgresProfileSession)"/>):
/// the locks and checks of its reads, then its net writes, each as a few set-based statements over arrays.
/// </summary>
internal sealed class ProfileCommit
{
    /// <summary>The advisory lock that keeps membership log ids in commit order ("SWMEMLOG" in ASCII).</summary>
    internal const long MembershipLogLock = 0x5357_4D45_4D4C_4F47;

    /// <summary>How many rows each processing counter is spread over.</summary>
    private const int TotalSlots = 16;

    private readonly PostgresProfileSession _session;
    private readonly int _partitionCount;

    // Keys the session read, split by how the commit locks them; each sorted, so commits lock in one order.
    private readonly long[] _storedProfiles;
    private readonly long[] _absentProfiles;
    private readonly IdentityLink[] _storedLinks;
    private readonly IdentityLink[] _absentLinks;
    private readonly long[] _issuedSaved;

    public ProfileCommit(PostgresProfileSession session, int partitionCount)
    {
        _session = session;
        _partitionCount = partitionCount;
        _storedProfiles = [.. session.Loaded.Where(p => p.Value.Version != ReadProfile.Absent).Select(p => p.Key).Order()];
        _issuedSaved = [.. session.Issued.Where(session.Documents.ContainsKey).Order()];
        _absentProfiles = [.. session.Loaded.Where(p => p.Value.Version == ReadProfile.Absent).Select(p => p.Key).Union(_issuedSaved).Order()];
        _storedLinks = [.. session.Found.Where(f => f.Value is not null).Select(f => f.Key).Order(LinkOrder.Instance)];
        _absentLinks = [.. session.Found.Where(f => f.Value is null).Select(f => f.Key).Order(LinkOrder.Instance)];
    }

    /// <summary>The first round trip: every statement returns rows, read back in this order by <see cref="StillHoldsAsync"/>.</summary>
    public NpgsqlBatch LockAndCheck(NpgsqlConnection connection)
    {
        var batch = new NpgsqlBatch(connection);

        // set_config(…, true) is SET LOCAL, as a query so that every statement of the batch has a result to step over.
        // A client paused inside its commit (SIGSTOP, a long GC) would hold its row locks, and with them a partition's
        // fence, for as long as the pause; the server ends such a transaction instead, and the client's next round trip fails.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_session.Durable
            ? "SELECT current_setting('synchronous_commit'), set_config('idle_in_transaction_session_timeout', '5s', true)"
            : "SELECT set_config('synchronous_commit', 'off', true), set_config('idle_in_transaction_session_timeout', '5s', true)"));
        if (_storedProfiles.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                "SELECT mpid, version FROM profiles WHERE mpid = ANY(@mpids) ORDER BY mpid FOR UPDATE",
                ("mpids", _storedProfiles)));
        }

        if (_absentProfiles.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO profiles (mpid, version, doc)
                SELECT m, 0, 'null'::json FROM unnest(@mpids) AS m ORDER BY m
                ON CONFLICT (mpid) DO NOTHING RETURNING mpid
                """,
                ("mpids", _absentProfiles)));
        }

        if (_storedLinks.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                SELECT i.key, i.value, i.mpid FROM identities i
                JOIN unnest(@keys, @values) AS u(key, value) ON i.key = u.key AND i.value = u.value
                ORDER BY i.key, i.value FOR UPDATE OF i
                """,
                ("keys", _storedLinks.Select(l => l.Key).ToArray()),
                ("values", _storedLinks.Select(l => l.Value).ToArray())));
        }

        if (_absentLinks.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO identities (key, value, mpid)
                SELECT u.key, u.value, 0 FROM unnest(@keys, @values) AS u(key, value) ORDER BY u.key, u.value
                ON CONFLICT (key, value) DO NOTHING RETURNING key
                """,
                ("keys", _absentLinks.Select(l => l.Key).ToArray()),
                ("values", _absentLinks.Select(l => l.Value).ToArray())));
        }

        if (_issuedSaved.Length > 0)
        {
            batch.BatchCommands.Add(Command("SELECT mpid FROM retired_mpids WHERE mpid = ANY(@mpids)", ("mpids", _issuedSaved)));
        }

        if (_session.Fences.Count > 0)
        {
            // Last, so the cursor rows are held only from here to COMMIT; a node taking a fence waits on these locks.
            batch.BatchCommands.Add(Command(
                "SELECT partition, epoch FROM partition_cursors WHERE partition = ANY(@partitions) ORDER BY partition FOR UPDATE",
                ("partitions", _session.Fences.Keys.Order().ToArray())));
        }

        return batch;
    }

    /// <summary>The fenced partitions whose fence moved past the session's epoch, once <see cref="StillHoldsAsync"/> has read them.</summary>
    public IReadOnlyList<int> Fenced { get; private set; } = [];

    /// <summary>The <c>synchronous_commit</c> setting the transaction runs with, once <see cref="StillHoldsAsync"/> has read it.</summary>
    public string? SynchronousCommit { get; private set; }

    /// <summary>Reads the first round trip's results: whether everything the session read still holds.</summary>
    public async Task<bool> StillHoldsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        SynchronousCommit = reader.GetString(0);
        var holds = true;
        if (_storedProfiles.Length > 0)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var seen = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                seen++;
                holds &= _session.Loaded[reader.GetInt64(0)].Version == reader.GetInt64(1);
            }

            holds &= seen == _storedProfiles.Length;
        }

        if (_absentProfiles.Length > 0)
        {
            holds &= await CountAsync(reader, cancellationToken).ConfigureAwait(false) == _absentProfiles.Length;
        }

        if (_storedLinks.Length > 0)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var seen = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                seen++;
                holds &= _session.Found[new IdentityLink(reader.GetString(0), reader.GetString(1))] == reader.GetInt64(2);
            }

            holds &= seen == _storedLinks.Length;
        }

        if (_absentLinks.Length > 0)
        {
            holds &= await CountAsync(reader, cancellationToken).ConfigureAwait(false) == _absentLinks.Length;
        }

        if (_issuedSaved.Length > 0)
        {
            holds &= await CountAsync(reader, cancellationToken).ConfigureAwait(false) == 0;
        }

        if (_session.Fences.Count > 0)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var fenced = new List<int>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var partition = reader.GetInt32(0);
                if (reader.GetInt64(1) != _session.Fences[partition])
                {
                    fenced.Add(partition);
                }
            }

            Fenced = fenced;
        }

        return holds;
    }

    /// <summary>The second round trip: the session's net writes, in an order where each step sees the one before.</summary>
    public NpgsqlBatch Writes(NpgsqlConnection connection)
    {
        var batch = new NpgsqlBatch(connection);
        var session = _session;
        long[] deleted = [.. session.Deleted];
        long[] gone = [.. session.Documents.Where(d => d.Value is null).Select(d => d.Key)];
        var saved = session.Documents.Where(d => d.Value is not null).ToArray();

        // A deleted profile's rows go first, so that the same profile saved again later in the session starts empty.
        if (deleted.Length > 0)
        {
            Add(batch, "DELETE FROM identities WHERE mpid = ANY(@mpids)", ("mpids", deleted));
            Add(batch, "DELETE FROM memberships WHERE mpid = ANY(@mpids)", ("mpids", deleted));
            Add(batch, "INSERT INTO retired_mpids (mpid) SELECT unnest(@mpids) ON CONFLICT (mpid) DO NOTHING", ("mpids", deleted));
        }

        if (gone.Length > 0)
        {
            Add(batch, "DELETE FROM profiles WHERE mpid = ANY(@mpids)", ("mpids", gone));
        }

        if (saved.Length > 0)
        {
            Add(
                batch,
                """
                INSERT INTO profiles (mpid, version, doc)
                SELECT u.mpid, nextval('profile_versions'), u.doc FROM unnest(@mpids, @docs::json[]) AS u(mpid, doc)
                ON CONFLICT (mpid) DO UPDATE SET version = excluded.version, doc = excluded.doc
                """,
                ("mpids", saved.Select(d => d.Key).ToArray()),
                ("docs", saved.Select(d => d.Value!).ToArray()));
        }

        if (_absentProfiles.Length > 0)
        {
            // Claims of keys the session read as absent and did not save.
            Add(batch, "DELETE FROM profiles WHERE mpid = ANY(@mpids) AND version = 0", ("mpids", _absentProfiles));
        }

        AddLinkWrites(batch);
        AddMembershipWrites(batch, saved.Select(d => d.Key));
        AddScheduleWrites(batch);
        AddOutbox(batch);
        AddTotals(batch);
        AddCursorMoves(batch);

        // Last, so the lock that orders the log is held for as short a time as possible (see CommitAsync).
        if (session.Changes.Count > 0)
        {
            Add(batch, "SELECT pg_advisory_xact_lock(@lock)", ("lock", MembershipLogLock));
            Add(
                batch,
                """
                INSERT INTO membership_changes (audience_id, mpid, action, at_ms)
                SELECT u.audience_id, u.mpid, u.action, u.at_ms
                FROM unnest(@audiences, @mpids, @actions, @at) WITH ORDINALITY AS u(audience_id, mpid, action, at_ms, n)
                ORDER BY u.n
                """,
                ("audiences", session.Changes.Select(c => c.AudienceId).ToArray()),
                ("mpids", session.Changes.Select(c => c.Mpid).ToArray()),
                ("actions", session.Changes.Select(c => PostgresProfileStore.ColumnOf(c.Action)).ToArray()),
                ("at", session.Changes.Select(c => c.AtMs).ToArray()));
        }

        return batch;
    }

    private void AddLinkWrites(NpgsqlBatch batch)
    {
        // An unlinked identity's row goes only while it still points at a profile it was unlinked from: one another
        // profile took over belongs to its new owner.
        var unlinked = _session.Links
            .Where(l => l.Value is null && _session.UnlinkedFrom.ContainsKey(l.Key))
            .SelectMany(l => _session.UnlinkedFrom[l.Key].Select(mpid => (l.Key, Mpid: mpid)))
            .ToArray();
        if (unlinked.Length > 0)
        {
            Add(
                batch,
                """
                DELETE FROM identities i USING unnest(@keys, @values, @mpids) AS u(key, value, mpid)
                WHERE i.key = u.key AND i.value = u.value AND i.mpid = u.mpid
                """,
                ("keys", unlinked.Select(u => u.Key.Key).ToArray()),
                ("values", unlinked.Select(u => u.Key.Value).ToArray()),
                ("mpids", unlinked.Select(u => u.Mpid).ToArray()));
        }

        var linked = _session.Links.Where(l => l.Value is not null).OrderBy(l => l.Key, LinkOrder.Instance).ToArray();
        if (linked.Length > 0)
        {
            // The WHERE clause skips the write when the identity already points there, which is the common case.
            Add(
                batch,
                """
                INSERT INTO identities (key, value, mpid)
                SELECT u.key, u.value, u.mpid FROM unnest(@keys, @values, @mpids) AS u(key, value, mpid)
                ON CONFLICT (key, value) DO UPDATE SET mpid = excluded.mpid WHERE identities.mpid <> excluded.mpid
                """,
                ("keys", linked.Select(l => l.Key.Key).ToArray()),
                ("values", linked.Select(l => l.Key.Value).ToArray()),
                ("mpids", linked.Select(l => l.Value!.Value).ToArray()));
        }

        if (_absentLinks.Length > 0)
        {
            // Claims of identities the session found free and left free.
            Add(
                batch,
                """
                DELETE FROM identities i USING unnest(@keys, @values) AS u(key, value)
                WHERE i.key = u.key AND i.value = u.value AND i.mpid = 0
                """,
                ("keys", _absentLinks.Select(l => l.Key).ToArray()),
                ("values", _absentLinks.Select(l => l.Value).ToArray()));
        }
    }

    private void AddMembershipWrites(NpgsqlBatch batch, IEnumerable<long> saved)
    {
        var added = new List<(int Audience, long Mpid)>();
        var removed = new List<(int Audience, long Mpid)>();
        foreach (var mpid in saved)
        {
            var stored = _session.StoredAudiences(mpid);
            var wanted = _session.AudiencesOf[mpid];
            added.AddRange(wanted.Where(a => !stored.Contains(a)).Select(a => (a, mpid)));
            removed.AddRange(stored.Where(a => !wanted.Contains(a)).Select(a => (a, mpid)));
        }

        if (removed.Count > 0)
        {
            Add(
                batch,
                """
                DELETE FROM memberships m USING unnest(@audiences, @mpids) AS u(audience_id, mpid)
                WHERE m.audience_id = u.audience_id AND m.mpid = u.mpid
                """,
                ("audiences", removed.Select(r => r.Audience).ToArray()),
                ("mpids", removed.Select(r => r.Mpid).ToArray()));
        }

        if (added.Count > 0)
        {
            Add(
                batch,
                "INSERT INTO memberships (audience_id, mpid) SELECT * FROM unnest(@audiences, @mpids) ON CONFLICT DO NOTHING",
                ("audiences", added.Select(r => r.Audience).ToArray()),
                ("mpids", added.Select(r => r.Mpid).ToArray()));
        }
    }

    private void AddScheduleWrites(NpgsqlBatch batch)
    {
        var due = _session.Schedule.Where(s => s.Value is not null).ToArray();
        long[] cleared = [.. _session.Schedule.Where(s => s.Value is null).Select(s => s.Key)];
        if (cleared.Length > 0)
        {
            Add(batch, "DELETE FROM evaluation_due WHERE mpid = ANY(@mpids)", ("mpids", cleared));
        }

        if (due.Length > 0)
        {
            Add(
                batch,
                """
                INSERT INTO evaluation_due (mpid, due_ms) SELECT * FROM unnest(@mpids, @due)
                ON CONFLICT (mpid) DO UPDATE SET due_ms = excluded.due_ms
                """,
                ("mpids", due.Select(d => d.Key).ToArray()),
                ("due", due.Select(d => d.Value!.Value).ToArray()));
        }
    }

    private void AddOutbox(NpgsqlBatch batch)
    {
        if (_session.Outbox.Count > 0)
        {
            batch.BatchCommands.Add(OutboxEntries.Insert(_session.Outbox, _partitionCount));
        }
    }

    private void AddTotals(NpgsqlBatch batch)
    {
        var counters = _session.Totals.Named().Where(c => c.Value != 0).ToArray();
        if (counters.Length == 0)
        {
            return;
        }

        Add(
            batch,
            """
            INSERT INTO processing_totals (name, slot, value)
            SELECT u.name, @slot, u.value FROM unnest(@names, @values) AS u(name, value)
            ON CONFLICT (name, slot) DO UPDATE SET value = processing_totals.value + excluded.value
            """,
            ("slot", (short)Random.Shared.Next(TotalSlots)),
            ("names", counters.Select(c => c.Name).ToArray()),
            ("values", counters.Select(c => c.Value).ToArray()));
    }

    private void AddCursorMoves(NpgsqlBatch batch)
    {
        var moves = _session.Cursors.OrderBy(m => m.Key).ToArray();
        if (moves.Length == 0)
        {
            return;
        }

        Add(
            batch,
            """
            UPDATE partition_cursors c
            SET sequence = CASE WHEN u.replace THEN u.sequence ELSE greatest(c.sequence, u.sequence) END
            FROM unnest(@partitions, @replace, @sequences) AS u(partition, replace, sequence)
            WHERE c.partition = u.partition
            """,
            ("partitions", moves.Select(m => m.Key).ToArray()),
            ("replace", moves.Select(m => m.Value.Replace).ToArray()),
            ("sequences", moves.Select(m => m.Value.Sequence).ToArray()));
    }

    private static async Task<int> CountAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private static void Add(NpgsqlBatch batch, string sql, params ReadOnlySpan<(string Name, object Value)> parameters) =>
        batch.BatchCommands.Add(Command(sql, parameters));

    private static NpgsqlBatchCommand Command(string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>One order for identity keys in every commit (ordinal), so commits lock them in the same order.</summary>
    private sealed class LinkOrder : IComparer<IdentityLink>
    {
        public static readonly LinkOrder Instance = new();

        public int Compare(IdentityLink x, IdentityLink y)
        {
            var byKey = string.CompareOrdinal(x.Key, y.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(x.Value, y.Value);
        }
    }
}
