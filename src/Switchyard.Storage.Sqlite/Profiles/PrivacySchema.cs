namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>Statements of data subject requests over <c>profiles.db</c>; every table that holds an MPID is listed in <see cref="Erase"/>.</summary>
internal static class PrivacySchema
{
    public const string MembershipLogOf = "SELECT id, audience_id, mpid, action, at_ms FROM membership_changes WHERE mpid = $mpid ORDER BY id;";

    public const string LedgersOf = "SELECT output_id, field, value FROM last_sent WHERE mpid = $mpid ORDER BY output_id, field;";

    public const string CountQueuedOf = "SELECT COUNT(*) FROM outbox WHERE mpid = $mpid;";

    public const string CountDeadOf = "SELECT COUNT(*) FROM dead_letters WHERE mpid = $mpid;";

    // secure_delete overwrites the freed content instead of leaving it in free pages; the checkpoint then moves the
    // overwritten pages into the database file and empties the WAL, where the old page images would otherwise linger.
    public const string BeforeErase = "PRAGMA secure_delete=ON;";

    public const string AfterErase = "PRAGMA secure_delete=OFF; PRAGMA wal_checkpoint(TRUNCATE);";

    // The retired-MPID mark goes too: it would name the person's MPID. MPIDs are random 64-bit numbers, so one being
    // issued again is not a practical concern. A running audience job whose cursor rests on an erased MPID is moved
    // one below it, which visits the same users (the erased one no longer exists).
    public const string Erase = $$"""
        DELETE FROM profiles WHERE mpid IN (SELECT value FROM json_each($mpids));
        DELETE FROM identities WHERE mpid IN (SELECT value FROM json_each($mpids));
        {{ProfileSchema.DeleteMembershipsOfAll}}
        DELETE FROM membership_changes WHERE mpid IN (SELECT value FROM json_each($mpids));
        DELETE FROM evaluation_due WHERE mpid IN (SELECT value FROM json_each($mpids));
        DELETE FROM retired_mpids WHERE mpid IN (SELECT value FROM json_each($mpids));
        DELETE FROM outbox WHERE mpid IN (SELECT value FROM json_each($mpids));
        DELETE FROM dead_letters WHERE mpid IN (SELECT value FROM json_each($mpids));
        DELETE FROM last_sent WHERE mpid IN (SELECT value FROM json_each($mpids));
        UPDATE audience_jobs SET cursor_mpid = cursor_mpid - 1 WHERE cursor_mpid IN (SELECT value FROM json_each($mpids));
        """;
}
