namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// The statements of data subject requests over the profile tables; every table that holds an MPID is listed in
/// <see cref="Erase"/>. None of these tables is indexed by MPID alone, so collecting and erasing scan the outbox, dead
/// letters, ledgers and membership log: requests are rare, and an index on the outbox would cost every processing commit.
/// </summary>
internal static class SubjectStatements
{
    /// <summary>Read in this order by <see cref="PostgresProfileStore.CollectAsync"/>, one snapshot for all.</summary>
    public static readonly string[] Collect =
    [
        "SELECT doc::text FROM profiles WHERE mpid = @mpid",
        "SELECT key, value FROM identities WHERE mpid = @mpid ORDER BY key COLLATE \"C\", value COLLATE \"C\"",
        "SELECT audience_id FROM memberships WHERE mpid = @mpid ORDER BY audience_id",
        "SELECT id, audience_id, mpid, action, at_ms FROM membership_changes WHERE mpid = @mpid ORDER BY id",
        "SELECT output_id, field, value FROM last_sent WHERE mpid = @mpid ORDER BY output_id COLLATE \"C\", field COLLATE \"C\"",
        "SELECT (SELECT count(*) FROM outbox WHERE mpid = @mpid), (SELECT count(*) FROM dead_letters WHERE mpid = @mpid)",
    ];

    public const string LinkedMpids = """
        SELECT DISTINCT i.mpid FROM identities i JOIN unnest(@keys, @values) AS u(key, value) ON i.key = u.key AND i.value = u.value
        """;

    public const string LockProfiles = "SELECT mpid FROM profiles WHERE mpid = ANY(@mpids) ORDER BY mpid FOR UPDATE";

    // The placeholder (MPID 0) is a commit's claim on an identity nobody holds (ProfileCommit): inserting one waits for
    // a commit inserting the same identity, and holds the identity until the erasure ends.
    public const string ClaimLinks = """
        INSERT INTO identities (key, value, mpid)
        SELECT u.key, u.value, 0 FROM unnest(@keys, @values) AS u(key, value) ORDER BY u.key, u.value
        ON CONFLICT (key, value) DO NOTHING
        """;

    // A statement of its own after the claims, so that it reads what the commits they waited for wrote; the locks then
    // wait for any commit still holding one of the rows.
    public const string LockLinks = """
        SELECT i.mpid FROM identities i JOIN unnest(@keys, @values) AS u(key, value) ON i.key = u.key AND i.value = u.value
        ORDER BY i.key, i.value FOR UPDATE OF i
        """;

    public const string DropClaims = """
        DELETE FROM identities i USING unnest(@keys, @values) AS u(key, value)
        WHERE i.key = u.key AND i.value = u.value AND i.mpid = 0
        """;

    // The retired-MPID mark goes too: it would name the person's MPID. A running audience job whose cursor rests on an
    // erased MPID is moved one below it, which visits the same users (the erased one no longer exists).
    public static readonly string[] Erase =
    [
        "DELETE FROM profiles WHERE mpid = ANY(@mpids)",
        "DELETE FROM identities WHERE mpid = ANY(@mpids)",
        "DELETE FROM memberships WHERE mpid = ANY(@mpids)",
        "DELETE FROM membership_changes WHERE mpid = ANY(@mpids)",
        "DELETE FROM evaluation_due WHERE mpid = ANY(@mpids)",
        "DELETE FROM retired_mpids WHERE mpid = ANY(@mpids)",
        "DELETE FROM outbox WHERE mpid = ANY(@mpids)",
        "DELETE FROM dead_letters WHERE mpid = ANY(@mpids)",
        "DELETE FROM last_sent WHERE mpid = ANY(@mpids)",
        "UPDATE audience_jobs SET cursor_mpid = cursor_mpid - 1 WHERE cursor_mpid = ANY(@mpids)",
    ];
}
