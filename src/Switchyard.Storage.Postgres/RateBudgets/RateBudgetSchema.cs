using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.RateBudgets;

/// <summary>
/// The tables of the shared rate budgets: one row per key and window with the permits handed out so far, and one row per
/// paused key. Keys appear only as the id the caller gives (the SHA-256 of the key). Times are the nodes' own, passed
/// in: a window is named by its start, which every node computes alike from its clock.
/// </summary>
internal static class RateBudgetSchema
{
    /// <summary>The component the steps are recorded under in <c>switchyard_schema</c>.</summary>
    public const string Component = "rate_budgets";

    // Every take rewrites its window's row without touching the key; the free space a fill factor of 50 leaves on each
    // page lets those be heap-only updates. last_grant is the grant of the latest take, so that one statement can say
    // what it granted: RETURNING sees only the new row.
    public static readonly PostgresMigration[] Migrations =
    [
        new(1, "rate budget windows and pauses", """
            CREATE TABLE rate_budget (
                key_id text NOT NULL,
                window_start timestamptz NOT NULL,
                window_end timestamptz NOT NULL,
                used integer NOT NULL,
                last_grant integer NOT NULL,
                PRIMARY KEY (key_id, window_start))
                WITH (fillfactor = 50);
            CREATE TABLE rate_pause (
                key_id text PRIMARY KEY,
                paused_until timestamptz NOT NULL);
            """),
    ];

    /// <summary>
    /// Takes up to @wanted (at most @limit) permits of one window in one statement. The first take of a window inserts
    /// its row; later ones update it under the row lock, so concurrent takers from any node are serialised on that row
    /// and the sum of grants never passes @limit. A key paused at @now grants nothing and returns the pause's end.
    /// </summary>
    public const string Take = """
        WITH paused AS (
            SELECT paused_until FROM rate_pause WHERE key_id = @key AND paused_until > @now),
        taken AS (
            INSERT INTO rate_budget AS b (key_id, window_start, window_end, used, last_grant)
            SELECT @key, @window, @window_end, @wanted, @wanted WHERE NOT EXISTS (SELECT FROM paused)
            ON CONFLICT (key_id, window_start) DO UPDATE
            SET used = b.used + least(excluded.used, @limit - b.used),
                last_grant = least(excluded.used, @limit - b.used)
            WHERE b.used < @limit
            RETURNING b.last_grant)
        SELECT coalesce((SELECT last_grant FROM taken), 0), (SELECT paused_until FROM paused)
        """;

    /// <summary>Records a pause, keeping the later end when the key is already paused.</summary>
    public const string Pause = """
        INSERT INTO rate_pause AS p (key_id, paused_until) VALUES (@key, @until)
        ON CONFLICT (key_id) DO UPDATE SET paused_until = greatest(p.paused_until, excluded.paused_until)
        """;

    /// <summary>Forgets windows and pauses that ended before @before.</summary>
    public const string Prune = """
        DELETE FROM rate_budget WHERE window_end < @before;
        DELETE FROM rate_pause WHERE paused_until < @before;
        """;
}
