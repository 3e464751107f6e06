using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.Privacy;

/// <summary>
/// The tables of the "dsr" component: data subject requests, the status callbacks still to post and the Braze deletions.
/// Times are <c>timestamptz</c>, as the contract's are instants and an operator looking into a request reads them as
/// such. Request ids compare byte by byte (<c>COLLATE "C"</c>), so list pages follow the same order as the SQLite
/// provider's whatever the database's locale.
/// </summary>
internal static class DsrTables
{
    /// <summary>The component name under which the steps are recorded in <c>switchyard_schema</c>.</summary>
    public const string Component = "dsr";

    public static readonly PostgresMigration[] Migrations =
    [
        new(1, "data subject requests, status callbacks, Braze deletions", """
            CREATE TABLE dsr_requests (
                id text COLLATE "C" PRIMARY KEY,
                feed_id text NOT NULL,
                regulation text NOT NULL,
                type text NOT NULL CHECK (type IN ('access', 'portability', 'erasure')),
                status text NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'cancelled')),
                submitted_at timestamptz NOT NULL,
                received_at timestamptz NOT NULL,
                expected_completion_at timestamptz,
                not_before timestamptz NOT NULL,
                group_id text COLLATE "C",
                callback_urls text[] NOT NULL,
                stage text NOT NULL,
                -- JSON kept as written; null once the request has ended.
                subject text,
                inbox_mark bigint NOT NULL,
                sweep_at timestamptz,
                completed_at timestamptz,
                results_count integer,
                result text);
            CREATE INDEX dsr_requests_by_group ON dsr_requests (group_id, id) WHERE group_id IS NOT NULL;
            CREATE INDEX dsr_requests_active ON dsr_requests (received_at, id) WHERE status IN ('pending', 'in_progress');

            CREATE TABLE dsr_callbacks (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                request_id text COLLATE "C" NOT NULL,
                url text NOT NULL,
                body text NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                last_error text);
            CREATE INDEX dsr_callbacks_due ON dsr_callbacks (next_attempt_at);

            CREATE TABLE dsr_deletions (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                request_id text COLLATE "C" NOT NULL,
                output_id text NOT NULL,
                id_kind text NOT NULL,
                ids text[] NOT NULL,
                state text NOT NULL CHECK (state IN ('queued', 'sent', 'dead')),
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                last_error text);
            CREATE INDEX dsr_deletions_by_request ON dsr_deletions (request_id, id);
            CREATE INDEX dsr_deletions_due ON dsr_deletions (next_attempt_at) WHERE state = 'queued';
            """),
    ];

    public const string Columns = """
        id, feed_id, regulation, type, status, submitted_at, received_at, expected_completion_at, not_before, group_id,
        callback_urls, stage, subject, inbox_mark, sweep_at, completed_at, results_count
        """;

    public const string Insert = $"""
        INSERT INTO dsr_requests ({Columns})
        VALUES (@id, @feed, @regulation, @type, @status, @submitted, @received, @expected, @not_before, @group,
            @callbacks, @stage, @subject, @mark, @sweep, @completed, @count)
        ON CONFLICT (id) DO NOTHING
        """;

    public const string Find = $"SELECT {Columns} FROM dsr_requests WHERE id = @id";

    public const string List = $"SELECT {Columns} FROM dsr_requests WHERE id > @after ORDER BY id LIMIT @limit";

    public const string ListGroup = $"SELECT {Columns} FROM dsr_requests WHERE group_id = @group AND id > @after ORDER BY id LIMIT @limit";

    public const string Active = $"""
        SELECT {Columns} FROM dsr_requests WHERE status IN ('pending', 'in_progress') ORDER BY received_at, id LIMIT @limit
        """;

    // The guard is the WHERE clause: of two nodes taking the same step, the second waits for the first's row lock, finds
    // the stage moved on when PostgreSQL checks the row again, and updates nothing.
    public const string Advance = """
        UPDATE dsr_requests SET status = @status, expected_completion_at = @expected, not_before = @not_before,
            stage = @stage, subject = @subject, inbox_mark = @mark, sweep_at = @sweep, completed_at = @completed,
            results_count = @count, result = coalesce(@result, result)
        WHERE id = @id AND stage = @expected_stage AND status <> 'cancelled'
        """;

    public const string Cancel = $"""
        UPDATE dsr_requests SET status = 'cancelled', stage = 'done', subject = NULL, expected_completion_at = NULL,
            completed_at = @now
        WHERE id = @id AND status = 'pending'
        RETURNING {Columns}
        """;

    public const string Result = "SELECT result FROM dsr_requests WHERE id = @id";

    // Every body goes to every URL the request was stored with, body by body, so ids follow that order.
    public const string QueueCallbacks = """
        INSERT INTO dsr_callbacks (request_id, url, body, next_attempt_at)
        SELECT r.id, u.url, b.body, @now
        FROM dsr_requests r
        CROSS JOIN LATERAL unnest(r.callback_urls) WITH ORDINALITY AS u(url, m)
        CROSS JOIN unnest(@bodies) WITH ORDINALITY AS b(body, n)
        WHERE r.id = @request
        ORDER BY b.n, u.m
        """;

    public const string QueueDeletion = """
        INSERT INTO dsr_deletions (request_id, output_id, id_kind, ids, state, next_attempt_at)
        VALUES (@request, @output, @kind, @ids, 'queued', @now)
        """;

    public const string DueCallbacks = """
        SELECT id, request_id, url, body, attempts FROM dsr_callbacks WHERE next_attempt_at <= @now ORDER BY id LIMIT @limit
        """;

    public const string RemoveCallback = "DELETE FROM dsr_callbacks WHERE id = @id";

    // Only a callback still due is put back: when two nodes posted the same one, the second finds it already moved
    // to a later time and leaves it there, so the attempt is counted once.
    public const string RetryCallback = """
        UPDATE dsr_callbacks SET attempts = attempts + 1, next_attempt_at = @at, last_error = @error
        WHERE id = @id AND next_attempt_at <= @now
        """;

    public const string DeletionColumns = "id, request_id, output_id, id_kind, ids, state, attempts, last_error";

    public const string DueDeletions = $"""
        SELECT {DeletionColumns} FROM dsr_deletions WHERE state = 'queued' AND next_attempt_at <= @now ORDER BY id LIMIT @limit
        """;

    public const string DeletionsOf = $"SELECT {DeletionColumns} FROM dsr_deletions WHERE request_id = @request ORDER BY id";

    // Sent and dead are final, so the first node to settle a deletion decides; a retry is recorded only while the
    // deletion is still due (see RetryCallback). A sent deletion forgets its ids: they name the person, and Braze no
    // longer holds them.
    public const string SettleDeletion = """
        UPDATE dsr_deletions SET state = @state, attempts = attempts + 1, last_error = @error,
            next_attempt_at = coalesce(@at, next_attempt_at),
            ids = CASE WHEN @state = 'sent' THEN '{}'::text[] ELSE ids END
        WHERE id = @id AND state = 'queued' AND (@state <> 'queued' OR next_attempt_at <= @now)
        """;
}
