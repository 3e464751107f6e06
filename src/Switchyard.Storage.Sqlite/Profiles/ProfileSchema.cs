namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// The profile tables. A profile is one JSON document; identities and memberships are kept beside it as rows so that
/// lookups by identity and by audience are index seeks instead of document scans. <c>AUTOINCREMENT</c> keeps
/// membership change ids from ever being reused, so an output's position in the log stays valid after pruning.
/// </summary>
internal static class ProfileSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS profiles (
            mpid INTEGER PRIMARY KEY,
            doc TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS identities (
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            mpid INTEGER NOT NULL,
            PRIMARY KEY (key, value)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS identities_by_mpid ON identities (mpid);
        CREATE TABLE IF NOT EXISTS memberships (
            audience_id INTEGER NOT NULL,
            mpid INTEGER NOT NULL,
            PRIMARY KEY (audience_id, mpid)
        ) WITHOUT ROWID;
        DROP INDEX IF EXISTS memberships_by_mpid;
        CREATE TABLE IF NOT EXISTS membership_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            audience_id INTEGER NOT NULL,
            mpid INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
            at_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS evaluation_due (
            mpid INTEGER PRIMARY KEY,
            due_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS evaluation_due_by_time ON evaluation_due (due_ms, mpid);
        CREATE TABLE IF NOT EXISTS retired_mpids (
            mpid INTEGER PRIMARY KEY
        );
        CREATE TABLE IF NOT EXISTS checkpoint (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO checkpoint (id, sequence) VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS partition_cursors (
            partition INTEGER PRIMARY KEY,
            sequence INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS processing_totals (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    public const string AddToTotal = """
        INSERT INTO processing_totals (name, value) VALUES ($name, $delta)
        ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
        """;

    public const string SelectTotals = "SELECT name, value FROM processing_totals;";

    public const string SelectDocument = "SELECT doc, version FROM profiles WHERE mpid = $mpid;";

    // A profile's version counts its saves; a session's commit checks that the profiles it read are still at the
    // version it read (IProfileSession, optimistic concurrency), so no update is lost to a session running beside it.
    public static readonly IReadOnlyList<(string Name, string Type)> AddedProfileColumns = [("version", "INTEGER NOT NULL DEFAULT 0")];

    public const string SelectVersion = "SELECT version FROM profiles WHERE mpid = $mpid;";

    // An MPID is never reused (Profile.Mpid, IProfileSession.NewMpid), so a deleted profile's id stays taken.
    public const string MpidTaken = """
        SELECT EXISTS (SELECT 1 FROM profiles WHERE mpid = $mpid) OR EXISTS (SELECT 1 FROM retired_mpids WHERE mpid = $mpid);
        """;

    public const string RetireMpid = "INSERT OR IGNORE INTO retired_mpids (mpid) VALUES ($mpid);";

    public const string UpsertDocument = """
        INSERT INTO profiles (mpid, doc, version) VALUES ($mpid, $doc, 1)
        ON CONFLICT (mpid) DO UPDATE SET doc = excluded.doc, version = profiles.version + 1
        RETURNING version;
        """;

    public const string DeleteDocument = "DELETE FROM profiles WHERE mpid = $mpid;";

    public const string SelectMpid = "SELECT mpid FROM identities WHERE key = $key AND value = $value;";

    public const string SelectIdentitiesOf = "SELECT key, value FROM identities WHERE mpid = $mpid;";

    // The WHERE clause skips the write when the identity already points here, which is the common case.
    public const string PointIdentity = """
        INSERT INTO identities (key, value, mpid) VALUES ($key, $value, $mpid)
        ON CONFLICT (key, value) DO UPDATE SET mpid = excluded.mpid WHERE identities.mpid <> excluded.mpid;
        """;

    // Only a link that still points at this profile is dropped: one re-pointed elsewhere belongs to its new owner.
    public const string DropIdentity = "DELETE FROM identities WHERE key = $key AND value = $value AND mpid = $mpid;";

    public const string DeleteIdentitiesOf = "DELETE FROM identities WHERE mpid = $mpid;";

    // Memberships are keyed by audience alone: a second index by MPID would add a random page to every commit for each
    // membership it writes, and the hot path knows a profile's audiences from its document. The few statements that
    // look up one user's rows (merges of a profile not read, deletion, erasure) walk the audiences present instead, one
    // index seek each.
    private const string AudiencesPresent = """
        WITH RECURSIVE present(id) AS (
            SELECT min(audience_id) FROM memberships
            UNION ALL
            SELECT (SELECT min(audience_id) FROM memberships WHERE audience_id > present.id) FROM present WHERE present.id IS NOT NULL)
        SELECT id FROM present WHERE id IS NOT NULL
        """;

    public const string SelectAudiencesOf = $"""
        SELECT audience_id FROM memberships WHERE audience_id IN ({AudiencesPresent}) AND mpid = $mpid;
        """;

    /// <summary>Every membership row of the users in the JSON array <c>$mpids</c>.</summary>
    public const string DeleteMembershipsOfAll = $"""
        DELETE FROM memberships WHERE audience_id IN ({AudiencesPresent}) AND mpid IN (SELECT value FROM json_each($mpids));
        """;

    public const string InsertMembership = "INSERT OR IGNORE INTO memberships (audience_id, mpid) VALUES ($audience, $mpid);";

    public const string DeleteMembership = "DELETE FROM memberships WHERE audience_id = $audience AND mpid = $mpid;";

    public const string DeleteMembershipsOf = $"""
        DELETE FROM memberships WHERE audience_id IN ({AudiencesPresent}) AND mpid = $mpid;
        """;

    // json_each turns one JSON array parameter into the IN list, so the statement stays prepared whatever the count.
    public const string MembersOfAny = """
        SELECT DISTINCT mpid FROM memberships
        WHERE audience_id IN (SELECT value FROM json_each($audiences))
        ORDER BY mpid;
        """;

    // The expiry index: when each profile's membership could next change with time alone (IProfileSession.ScheduleEvaluation).
    public const string UpsertDue = """
        INSERT INTO evaluation_due (mpid, due_ms) VALUES ($mpid, $due)
        ON CONFLICT (mpid) DO UPDATE SET due_ms = excluded.due_ms;
        """;

    public const string DeleteDue = "DELETE FROM evaluation_due WHERE mpid = $mpid;";

    public const string SelectDue = "SELECT mpid FROM evaluation_due WHERE due_ms <= $now ORDER BY due_ms, mpid LIMIT $limit;";

    public const string InsertChange = "INSERT INTO membership_changes (audience_id, mpid, action, at_ms) VALUES ($audience, $mpid, $action, $at);";

    public const string ReadChanges = """
        SELECT id, audience_id, mpid, action, at_ms FROM membership_changes
        WHERE id > $after ORDER BY id LIMIT $limit;
        """;

    // Every batch at or below the lowest cursor is done, whichever partition it belongs to.
    public const string SelectCheckpoint = "SELECT COALESCE(MIN(sequence), 0) FROM partition_cursors;";

    public const string UpdateCheckpoint = "UPDATE partition_cursors SET sequence = $sequence;";

    public const string AdvancePartitions = """
        UPDATE partition_cursors SET sequence = MAX(sequence, $sequence)
        WHERE partition IN (SELECT value FROM json_each($partitions));
        """;

    public const string SelectCursors = "SELECT partition, sequence FROM partition_cursors ORDER BY partition;";

    public const string CountCursors = "SELECT COUNT(*) FROM partition_cursors;";

    // A store from before partitions has one checkpoint; every partition starts from it.
    public const string SeedCursors = """
        WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n + 1 < $count)
        INSERT INTO partition_cursors (partition, sequence) SELECT n, (SELECT sequence FROM checkpoint WHERE id = 1) FROM p;
        """;

    public const string FirstProfiles = "SELECT mpid FROM profiles ORDER BY mpid LIMIT $limit;";

    public const string ProfilesAfter = "SELECT mpid FROM profiles WHERE mpid > $after ORDER BY mpid LIMIT $limit;";

    public const string CountMembers = "SELECT COUNT(*) FROM memberships WHERE audience_id = $audience;";

    public const string FirstMembers = """
        SELECT mpid FROM memberships WHERE audience_id = $audience
        ORDER BY mpid LIMIT $limit;
        """;

    // A separate statement for later pages (rather than "$after IS NULL OR ...") keeps the seek on the primary key.
    public const string MembersAfter = """
        SELECT mpid FROM memberships WHERE audience_id = $audience AND mpid > $after
        ORDER BY mpid LIMIT $limit;
        """;
}
