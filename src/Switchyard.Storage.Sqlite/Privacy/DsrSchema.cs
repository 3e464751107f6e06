namespace Switchyard.Storage.Sqlite.Privacy;

/// <summary>
/// Data subject requests in <c>privacy.db</c>: the requests, the status callbacks still to post and the Braze deletions.
/// A file of its own, so requests are kept apart from the pipeline's tables and their writes never wait on the processor.
/// </summary>
internal static class DsrSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS dsr_requests (
            id TEXT PRIMARY KEY,
            feed_id TEXT NOT NULL,
            regulation TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            submitted_ms INTEGER NOT NULL,
            received_ms INTEGER NOT NULL,
            expected_ms INTEGER,
            not_before_ms INTEGER NOT NULL,
            group_id TEXT,
            callback_urls TEXT NOT NULL,
            stage TEXT NOT NULL,
            subject TEXT,
            inbox_mark INTEGER NOT NULL,
            sweep_at_ms INTEGER,
            completed_ms INTEGER,
            results_count INTEGER,
            result TEXT
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS dsr_requests_by_group ON dsr_requests (group_id, id);
        CREATE INDEX IF NOT EXISTS dsr_requests_active ON dsr_requests (status, received_ms) WHERE status IN ('pending', 'in_progress');
        CREATE TABLE IF NOT EXISTS dsr_callbacks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL,
            url TEXT NOT NULL,
            body TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS dsr_deletions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL,
            output_id TEXT NOT NULL,
            id_kind TEXT NOT NULL,
            ids TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'dead')),
            attempts INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL,
            last_error TEXT
        );
        CREATE INDEX IF NOT EXISTS dsr_deletions_by_request ON dsr_deletions (request_id, id);
        """;

    public const string Columns = """
        id, feed_id, regulation, type, status, submitted_ms, received_ms, expected_ms, not_before_ms, group_id, callback_urls,
        stage, subject, inbox_mark, sweep_at_ms, completed_ms, results_count
        """;

    public const string Insert = $"""
        INSERT INTO dsr_requests ({Columns}) VALUES ($id, $feed, $regulation, $type, $status, $submitted, $received, $expected,
            $not_before, $group, $callbacks, $stage, $subject, $mark, $sweep, $completed, $count)
        ON CONFLICT (id) DO NOTHING;
        """;

    public const string Update = """
        UPDATE dsr_requests SET status = $status, expected_ms = $expected, not_before_ms = $not_before, stage = $stage,
            subject = $subject, inbox_mark = $mark, sweep_at_ms = $sweep, completed_ms = $completed, results_count = $count,
            result = COALESCE($result, result)
        WHERE id = $id AND stage = $expected_stage AND status <> 'cancelled';
        """;

    public const string InsertCallback = """
        INSERT INTO dsr_callbacks (request_id, url, body, attempts, next_attempt_ms) VALUES ($request, $url, $body, 0, $now);
        """;

    public const string InsertDeletion = """
        INSERT INTO dsr_deletions (request_id, output_id, id_kind, ids, state, attempts, next_attempt_ms)
        VALUES ($request, $output, $kind, $ids, 'queued', 0, $now);
        """;

    public const string DeletionColumns = "id, request_id, output_id, id_kind, ids, state, attempts, last_error";
}
