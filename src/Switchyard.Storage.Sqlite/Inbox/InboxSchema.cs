namespace Switchyard.Storage.Sqlite.Inbox;

/// <summary>
/// The inbox tables. <c>AUTOINCREMENT</c> keeps sequence numbers from ever being reused, so a consumer's
/// checkpoint stays valid after old rows are removed.
/// </summary>
internal static class InboxSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS inbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            feed_id TEXT NOT NULL,
            source_request_id TEXT NULL,
            received_at_ms INTEGER NOT NULL,
            payload BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS inbox_dedupe (
            feed_id TEXT NOT NULL,
            source_request_id TEXT NOT NULL,
            seen_at_ms INTEGER NOT NULL,
            PRIMARY KEY (feed_id, source_request_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS inbox_dedupe_seen ON inbox_dedupe (seen_at_ms);
        """;

    // A key seen before the cutoff has left the retention window and counts as new again.
    public const string ClaimDedupeKey = """
        INSERT INTO inbox_dedupe (feed_id, source_request_id, seen_at_ms) VALUES ($feed, $rid, $now)
        ON CONFLICT (feed_id, source_request_id) DO UPDATE SET seen_at_ms = excluded.seen_at_ms
        WHERE inbox_dedupe.seen_at_ms < $cutoff;
        """;

    public const string Insert = """
        INSERT INTO inbox (feed_id, source_request_id, received_at_ms, payload) VALUES ($feed, $rid, $now, $payload)
        RETURNING seq;
        """;

    public const string Read = """
        SELECT seq, feed_id, source_request_id, received_at_ms, payload FROM inbox
        WHERE seq > $after ORDER BY seq LIMIT $limit;
        """;
}
