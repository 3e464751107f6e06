namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Audience sync state in <c>profiles.db</c>, beside the outbox, so a membership-log position or a job cursor moves
/// in the same transaction as the items it queued. At most one running job per connection (a partial unique index).
/// </summary>
internal static class AudienceSyncSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS audience_connections (
            output_id TEXT NOT NULL,
            audience_id INTEGER NOT NULL,
            active INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (output_id, audience_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS membership_tails (
            output_id TEXT PRIMARY KEY,
            position INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audience_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            output_id TEXT NOT NULL,
            audience_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('sync', 'clean_up')),
            state TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled')),
            phase INTEGER NOT NULL,
            cursor_mpid INTEGER NOT NULL,
            processed INTEGER NOT NULL,
            total INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL,
            finished_at_ms INTEGER
        );
        CREATE UNIQUE INDEX IF NOT EXISTS audience_jobs_running ON audience_jobs (output_id, audience_id) WHERE state = 'running';
        """;

    public const string SelectConnections = """
        SELECT output_id, audience_id, active, created_at_ms, updated_at_ms FROM audience_connections ORDER BY output_id, audience_id;
        """;

    public const string SelectConnection = """
        SELECT output_id, audience_id, active, created_at_ms, updated_at_ms FROM audience_connections
        WHERE output_id = $output AND audience_id = $audience;
        """;

    public const string UpsertConnection = """
        INSERT INTO audience_connections (output_id, audience_id, active, created_at_ms, updated_at_ms)
        VALUES ($output, $audience, $active, $now, $now)
        ON CONFLICT (output_id, audience_id) DO UPDATE SET active = excluded.active, updated_at_ms = excluded.updated_at_ms;
        """;

    public const string DeleteConnection = "DELETE FROM audience_connections WHERE output_id = $output AND audience_id = $audience;";

    public const string CancelRunningJobs = """
        UPDATE audience_jobs SET state = 'cancelled', finished_at_ms = $now
        WHERE output_id = $output AND audience_id = $audience AND state = 'running';
        """;

    public const string SelectTail = "SELECT position FROM membership_tails WHERE output_id = $output;";

    public const string UpsertTail = """
        INSERT INTO membership_tails (output_id, position) VALUES ($output, $position)
        ON CONFLICT (output_id) DO UPDATE SET position = excluded.position;
        """;

    public const string InsertJob = """
        INSERT INTO audience_jobs (output_id, audience_id, kind, state, phase, cursor_mpid, processed, total, created_at_ms)
        VALUES ($output, $audience, $kind, 'running', $phase, -9223372036854775808, 0, $total, $now)
        RETURNING id;
        """;

    public const string JobColumns = "id, output_id, audience_id, kind, state, phase, cursor_mpid, processed, total, created_at_ms, finished_at_ms";

    public const string AdvanceJob = """
        UPDATE audience_jobs
        SET phase = $phase, cursor_mpid = $cursor, processed = processed + $delta,
            state = CASE WHEN $finished THEN 'done' ELSE 'running' END,
            finished_at_ms = CASE WHEN $finished THEN $now ELSE NULL END
        WHERE id = $id AND state = 'running';
        """;

    // With a match, only users with a named field or a list field holding the item, bare or in single quotes (the
    // quoted SegmentMembership form); with $not_member_of, only users who are not members of that audience. The walk
    // follows the primary key (output, mpid, field).
    private const string LedgerFilter = """
        output_id = $output
          AND ($match = 0
               OR field IN (SELECT value FROM json_each($fields))
               OR (field = $list_field AND instr(',' || replace(value, '''', '') || ',', ',' || $list_item || ',') > 0))
          AND ($not_member_of IS NULL
               OR NOT EXISTS (SELECT 1 FROM memberships m WHERE m.audience_id = $not_member_of AND m.mpid = last_sent.mpid))
        """;

    public const string LedgerUsers = $"""
        SELECT DISTINCT mpid FROM last_sent
        WHERE {LedgerFilter} AND ($after IS NULL OR mpid > $after)
        ORDER BY mpid LIMIT $limit;
        """;

    public const string CountLedgerUsers = $"SELECT COUNT(DISTINCT mpid) FROM last_sent WHERE {LedgerFilter};";

    public const string DueItemsCreatedBy = """
        SELECT EXISTS (SELECT 1 FROM outbox INDEXED BY outbox_due
                       WHERE output_id = $output AND next_attempt_at_ms <= $now AND created_at_ms <= $created);
        """;

    public const string LatestMembershipChange = "SELECT COALESCE(MAX(id), 0) FROM membership_changes;";
}
