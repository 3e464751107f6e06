using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.Partitions;

/// <summary>
/// The tables of partition ownership: one lease row per user partition and the node list. Both are logged tables: the
/// epoch must survive a crash of the database, or a new owner could be handed an epoch a paused one already holds and the
/// fence would let the paused one's commits through. Every statement reads the clock as <c>coalesce(@now, now())</c>:
/// the database's clock, unless a test passes its own time.
/// </summary>
internal static class PartitionLeaseSchema
{
    /// <summary>The component the steps are recorded under in <c>switchyard_schema</c>.</summary>
    public const string Component = "partitions";

    // Renewals rewrite every held row every few seconds without touching an indexed column; the free space that a fill
    // factor of 50 leaves on each page lets those be heap-only updates, so the table and its index do not bloat.
    public static readonly PostgresMigration[] Migrations =
    [
        new(1, "partition leases and the node list", """
            CREATE TABLE partition_lease (
                partition integer PRIMARY KEY,
                owner text,
                epoch bigint NOT NULL DEFAULT 0,
                expires_at timestamptz)
                WITH (fillfactor = 50);
            CREATE TABLE node (
                node_id text PRIMARY KEY,
                started_at timestamptz NOT NULL,
                heartbeat_at timestamptz NOT NULL)
                WITH (fillfactor = 50);
            """),
    ];

    /// <summary>One free row per partition; the count never changes once recorded (<see cref="PostgresDatabase"/>).</summary>
    public const string Seed = """
        INSERT INTO partition_lease (partition) SELECT generate_series(0, @count - 1) ON CONFLICT (partition) DO NOTHING
        """;

    public const string Register = """
        INSERT INTO node (node_id, started_at, heartbeat_at) VALUES (@node, coalesce(@now, now()), coalesce(@now, now()))
        ON CONFLICT (node_id) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at
        """;

    public const string Heartbeat = """
        INSERT INTO node (node_id, started_at, heartbeat_at) VALUES (@node, coalesce(@now, now()), coalesce(@now, now()))
        ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
        """;

    /// <summary>
    /// Takes the wanted partitions that are free or expired. The rows are picked and locked first with SKIP LOCKED, so an
    /// acquisition never waits for another one (or for a renewal) and two acquisitions never deadlock over rows they lock
    /// in different orders; a row another transaction is changing is simply not taken this time. Locking re-reads a row
    /// changed since the statement began, so a partition another node acquired a moment ago no longer qualifies.
    /// </summary>
    public const string Acquire = """
        WITH picked AS (
            SELECT partition FROM partition_lease
            WHERE partition = ANY(@wanted) AND (owner IS NULL OR expires_at < coalesce(@now, now()))
            ORDER BY partition
            FOR UPDATE SKIP LOCKED)
        UPDATE partition_lease l
        SET owner = @node, epoch = l.epoch + 1, expires_at = coalesce(@now, now()) + @ttl
        FROM picked
        WHERE l.partition = picked.partition
        RETURNING l.partition, l.epoch
        """;

    /// <summary>
    /// Extends the leases still held at the given epochs. A lease that ran out but that nobody took is extended too: its
    /// epoch did not move, so no other node worked on the partition in between. The rows are locked first, in partition
    /// order (the lock sits above the sort): renewals, releases and leaves are the statements that wait for row locks,
    /// and two of them locking in different orders could deadlock (one with a stale view of a partition another node
    /// now renews). Acquisitions never wait, so one order among the waiters is enough.
    /// </summary>
    public const string Renew = """
        WITH mine AS (
            SELECT l.partition FROM partition_lease l
            JOIN unnest(@partitions, @epochs) AS held(partition, epoch) ON l.partition = held.partition AND l.epoch = held.epoch
            WHERE l.owner = @node
            ORDER BY l.partition
            FOR UPDATE OF l)
        UPDATE partition_lease l
        SET expires_at = coalesce(@now, now()) + @ttl
        FROM mine
        WHERE l.partition = mine.partition
        RETURNING l.partition, l.epoch
        """;

    /// <summary>Frees the leases still held at the given epochs, locking in partition order as <see cref="Renew"/> does.</summary>
    public const string Release = """
        WITH mine AS (
            SELECT l.partition FROM partition_lease l
            JOIN unnest(@partitions, @epochs) AS held(partition, epoch) ON l.partition = held.partition AND l.epoch = held.epoch
            WHERE l.owner = @node
            ORDER BY l.partition
            FOR UPDATE OF l)
        UPDATE partition_lease l
        SET owner = NULL, expires_at = coalesce(@now, now())
        FROM mine
        WHERE l.partition = mine.partition
        RETURNING l.partition
        """;

    /// <summary>
    /// Frees everything the node holds and removes it from the node list; the two statements of one command run in one
    /// implicit transaction.
    /// </summary>
    public const string Leave = """
        WITH mine AS (
            SELECT partition FROM partition_lease WHERE owner = @node ORDER BY partition FOR UPDATE)
        UPDATE partition_lease l SET owner = NULL, expires_at = coalesce(@now, now()) FROM mine WHERE l.partition = mine.partition;
        DELETE FROM node WHERE node_id = @node;
        """;

    public const string ReadLeases = """
        SELECT partition, owner, epoch, owner IS NULL OR expires_at < coalesce(@now, now())
        FROM partition_lease ORDER BY partition
        """;

    public const string ReadNodes = "SELECT node_id, coalesce(@now, now()) - heartbeat_at FROM node ORDER BY node_id COLLATE \"C\"";

    public const string ForgetSilent = "DELETE FROM node WHERE heartbeat_at < coalesce(@now, now()) - @silent_for";
}
