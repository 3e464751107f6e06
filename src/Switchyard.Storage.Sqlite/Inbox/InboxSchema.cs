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
            payload BLOB NOT NULL,
            historical INTEGER NOT NULL DEFAULT 0,
            partition INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS inbox_meta (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inbox_dedupe (
            feed_id TEXT NOT NULL,
            source_request_id TEXT NOT NULL,
            seen_at_ms INTEGER NOT NULL,
            PRIMARY KEY (feed_id, source_request_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inbox_message_dedupe (
            feed_id TEXT NOT NULL,
            source_message_id TEXT NOT NULL,
            seen_at_ms INTEGER NOT NULL,
            PRIMARY KEY (feed_id, source_message_id)
        ) WITHOUT ROWID;
        """;

    // An inbox.db from before the historical flag has the table without the column; it gains it at open, and its rows
    // read as not historical (the DEFAULT), which is what they were treated as when they were stored.
    // Rows from before user partitions read as partition 0, so one lane takes all of them, in order.
    public static readonly IReadOnlyList<(string Name, string Type)> AddedColumns =
        [("historical", "INTEGER NOT NULL DEFAULT 0"), ("partition", "INTEGER NOT NULL DEFAULT 0")];

    public const string ReadPartitionCount = "SELECT value FROM inbox_meta WHERE name = 'partitions';";

    public const string WritePartitionCount = "INSERT INTO inbox_meta (name, value) VALUES ('partitions', $count);";

    // A key seen before the cutoff has left the retention window and counts as new again.
    public const string ClaimDedupeKey = """
        INSERT INTO inbox_dedupe (feed_id, source_request_id, seen_at_ms) VALUES ($feed, $rid, $now)
        ON CONFLICT (feed_id, source_request_id) DO UPDATE SET seen_at_ms = excluded.seen_at_ms
        WHERE inbox_dedupe.seen_at_ms < $cutoff;
        """;

    // Event ids of Braze feeds live in a table of their own (added beside the request ids, so an inbox.db from before
    // simply gains it), which keeps them from ever colliding with a client's source_request_id.
    public const string ClaimMessageId = """
        INSERT INTO inbox_message_dedupe (feed_id, source_message_id, seen_at_ms) VALUES ($feed, $mid, $now)
        ON CONFLICT (feed_id, source_message_id) DO UPDATE SET seen_at_ms = excluded.seen_at_ms
        WHERE inbox_message_dedupe.seen_at_ms < $cutoff;
        """;

    public const string Prune = """
        DELETE FROM inbox_dedupe WHERE seen_at_ms < $cutoff;
        DELETE FROM inbox_message_dedupe WHERE seen_at_ms < $cutoff;
        """;

    // The writer assigns sequence numbers itself (it is the only writer), which spares a RETURNING reader per row.
    public const string Insert = """
        INSERT INTO inbox (seq, feed_id, source_request_id, received_at_ms, payload, historical, partition)
        VALUES ($seq, $feed, $rid, $now, $payload, $historical, $partition);
        """;

    // AUTOINCREMENT's high-water mark, which stays above the largest seq after rows are removed.
    public const string LastSequence = """
        SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'inbox'), 0), COALESCE((SELECT MAX(seq) FROM inbox), 0));
        """;

    // The oldest rows first, a chunk per transaction, so the group-commit writer waits at most one chunk for the lock.
    // Rows come in receive order, so a chunk that deletes fewer rows than it looked at has met a batch still within the
    // retention (or the bound): the caller stops there. Pages freed by the delete go to SQLite's freelist and are reused
    // by later appends, so the file stops growing once appends and prunes balance (no VACUUM needed).
    public const string PruneChunk = """
        DELETE FROM inbox WHERE seq IN (SELECT seq FROM inbox WHERE seq < $below ORDER BY seq LIMIT $chunk)
          AND received_at_ms < $cutoff;
        """;

    public const string Read = """
        SELECT seq, feed_id, source_request_id, received_at_ms, payload, historical, partition FROM inbox
        WHERE seq > $after ORDER BY seq LIMIT $limit;
        """;

    // A lane's rows; the writer numbers rows in commit order, so within one read transaction nothing can still commit
    // below the highest sequence it sees (LastSequence), which is how far a short page lets the lane move on.
    public const string ReadLane = """
        SELECT seq, feed_id, source_request_id, received_at_ms, payload, historical, partition FROM inbox
        WHERE seq > $after AND partition % $lanes = $lane ORDER BY seq LIMIT $limit;
        """;
}
