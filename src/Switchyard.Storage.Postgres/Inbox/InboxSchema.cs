using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>The inbox tables and the statements the store runs on them.</summary>
internal static class InboxSchema
{
    /// <summary>The component name the inbox's migrations are recorded under.</summary>
    public const string Component = "inbox";

    public static readonly PostgresMigration[] Migrations =
    [
        new(1, "inbox range-partitioned by sequence, its counter and segments, dedupe keys", """
            -- One row. last_sequence is the highest sequence handed out (and committed, since it is updated in the
            -- appending transaction); segments_through is the first sequence no segment covers yet. Locking this row
            -- is what puts sequences in commit order (PostgresInboxStore).
            CREATE TABLE inbox_sequence (
                only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                last_sequence bigint NOT NULL,
                segments_through bigint NOT NULL);
            INSERT INTO inbox_sequence (last_sequence, segments_through) VALUES (0, 1);

            -- Range-partitioned by seq: a primary key on a partitioned table must contain the partition key, which seq
            -- alone is. Segments are created by the writer as sequences reach them and dropped by pruning.
            CREATE TABLE inbox (
                seq bigint NOT NULL,
                partition integer NOT NULL,
                feed_id text NOT NULL,
                source_request_id text NULL,
                received_at timestamptz NOT NULL,
                historical boolean NOT NULL,
                payload bytea NOT NULL,
                PRIMARY KEY (seq)) PARTITION BY RANGE (seq);

            -- One row per segment [lower, upper) (its table is named by lower: InboxSegments.Name), with the earliest and
            -- latest receive times of its batches, so pruning decides from here without scanning a segment, and the next
            -- segment is sized by how fast this one filled.
            CREATE TABLE inbox_segments (
                lower bigint PRIMARY KEY,
                upper bigint NOT NULL,
                received_from timestamptz NULL,
                received_until timestamptz NULL);

            CREATE TABLE inbox_dedupe (
                feed_id text NOT NULL,
                source_request_id text NOT NULL,
                seen_at timestamptz NOT NULL,
                PRIMARY KEY (feed_id, source_request_id));
            CREATE INDEX inbox_dedupe_seen_at ON inbox_dedupe (seen_at);

            -- Braze event ids, apart from request ids so the two never collide.
            CREATE TABLE inbox_message_dedupe (
                feed_id text NOT NULL,
                source_message_id text NOT NULL,
                seen_at timestamptz NOT NULL,
                PRIMARY KEY (feed_id, source_message_id));
            CREATE INDEX inbox_message_dedupe_seen_at ON inbox_message_dedupe (seen_at);
            """),
        new(2, "dedupe keys partitioned by generation, so retention drops whole generations", """
            -- One row per generation still kept. The current one is the highest and has no end; its start is set by the
            -- first store that opens the database (DedupeGenerations.StartAsync), on the application's clock.
            CREATE TABLE inbox_dedupe_generations (
                generation integer PRIMARY KEY,
                started_at timestamptz NULL,
                ended_at timestamptz NULL);
            INSERT INTO inbox_dedupe_generations (generation) VALUES (1);

            ALTER TABLE inbox_dedupe RENAME TO inbox_dedupe_unpartitioned;
            ALTER INDEX inbox_dedupe_pkey RENAME TO inbox_dedupe_unpartitioned_pkey;
            ALTER TABLE inbox_message_dedupe RENAME TO inbox_message_dedupe_unpartitioned;
            ALTER INDEX inbox_message_dedupe_pkey RENAME TO inbox_message_dedupe_unpartitioned_pkey;

            -- A key is unique within a generation (the primary key must hold the partition key); a claim looks into the
            -- older generations itself (ClaimRequestIds).
            CREATE TABLE inbox_dedupe (
                generation integer NOT NULL,
                feed_id text NOT NULL,
                source_request_id text NOT NULL,
                seen_at timestamptz NOT NULL,
                PRIMARY KEY (feed_id, source_request_id, generation)) PARTITION BY RANGE (generation);
            CREATE TABLE inbox_message_dedupe (
                generation integer NOT NULL,
                feed_id text NOT NULL,
                source_message_id text NOT NULL,
                seen_at timestamptz NOT NULL,
                PRIMARY KEY (feed_id, source_message_id, generation)) PARTITION BY RANGE (generation);
            CREATE TABLE inbox_dedupe_g0000000001 PARTITION OF inbox_dedupe FOR VALUES FROM (1) TO (2);
            CREATE TABLE inbox_message_dedupe_g0000000001 PARTITION OF inbox_message_dedupe FOR VALUES FROM (1) TO (2);

            INSERT INTO inbox_dedupe (generation, feed_id, source_request_id, seen_at)
            SELECT 1, feed_id, source_request_id, seen_at FROM inbox_dedupe_unpartitioned;
            INSERT INTO inbox_message_dedupe (generation, feed_id, source_message_id, seen_at)
            SELECT 1, feed_id, source_message_id, seen_at FROM inbox_message_dedupe_unpartitioned;
            DROP TABLE inbox_dedupe_unpartitioned;
            DROP TABLE inbox_message_dedupe_unpartitioned;
            """),
    ];

    public const string Durable = "SET LOCAL synchronous_commit TO on";

    // A key last seen before the cutoff has left the retention window and counts as new again. Keys go into the current
    // generation: one held there is claimed only by the update, once expired; one held in an older generation blocks the
    // insert while it is within the retention. Older generations take no more keys (DedupeGenerations), so the probe is
    // exact, and two writers claiming one key meet on the current generation's primary key.
    // Keys come sorted, so two writers claiming overlapping keys lock them in the same order and cannot deadlock.
    public static readonly string ClaimRequestIds = Claim("inbox_dedupe", "source_request_id");

    public static readonly string ClaimMessageIds = Claim("inbox_message_dedupe", "source_message_id");

    // The row lock taken here is held to the end of the transaction: see PostgresInboxStore on why that makes
    // sequences commit-ordered.
    // The segments that already cover part of the range get their receive times in the same round trip; a segment the
    // range still needs is made afterwards and marked then (InboxRows).
    public const string TakeSequences = """
        WITH taken AS (
            UPDATE inbox_sequence SET last_sequence = last_sequence + @count
            RETURNING last_sequence, segments_through),
        marked AS (
            UPDATE inbox_segments s SET received_from = least(s.received_from, @now), received_until = greatest(s.received_until, @now)
            FROM taken WHERE s.lower <= taken.last_sequence AND s.upper > taken.last_sequence - @count + 1)
        SELECT last_sequence, segments_through FROM taken
        """;

    public const string Copy = """
        COPY inbox (seq, partition, feed_id, source_request_id, received_at, historical, payload) FROM STDIN (FORMAT BINARY)
        """;

    public const string MarkSegmentsReceived = """
        UPDATE inbox_segments SET received_from = least(received_from, @now), received_until = greatest(received_until, @now)
        WHERE lower <= @last AND upper > @first
        """;

    public const string RecordSegment = "INSERT INTO inbox_segments (lower, upper) VALUES (@lower, @upper)";

    public const string AdvanceSegments = "UPDATE inbox_sequence SET segments_through = @upper";

    public const string LastSequence = "SELECT last_sequence FROM inbox_sequence";

    private const string Columns = "seq, feed_id, source_request_id, received_at, payload, historical, partition";

    public const string Read = $"SELECT {Columns} FROM inbox WHERE seq > @after ORDER BY seq LIMIT @limit";

    public const string ReadLane = $"""
        SELECT {Columns} FROM inbox WHERE seq > @after AND partition % @lanes = @lane ORDER BY seq LIMIT @limit
        """;

    /// <summary>A lane narrowed to the partitions a node holds (<see cref="Core.Partitions.PartitionLane.Held"/>).</summary>
    public const string ReadPartitions = $"""
        SELECT {Columns} FROM inbox WHERE seq > @after AND partition = ANY(@partitions) ORDER BY seq LIMIT @limit
        """;

    public const string OldestAfter = "SELECT received_at FROM inbox WHERE seq > @after ORDER BY seq LIMIT 1";

    public const string Count = "SELECT count(*) FROM inbox";

    // Segments every sequence of which is below the bound and already handed out (so no row can still arrive in
    // them), whose batches were all received before the cutoff. last_sequence is only ever raised by committed
    // appends, and everything at or below it has committed (commit order), so such a segment is final.
    public const string DroppableSegments = """
        SELECT s.lower FROM inbox_segments s, inbox_sequence q
        WHERE s.upper <= @below AND s.upper <= q.last_sequence + 1
          AND (s.received_until IS NULL OR s.received_until < @before)
        ORDER BY s.lower
        """;

    public const string ForgetSegment = "DELETE FROM inbox_segments WHERE lower = @lower";

    /// <summary>The claim statement of one dedupe table (its name and key column are constants, never input).</summary>
    private static string Claim(string table, string id) => $"""
        INSERT INTO {table} (generation, feed_id, {id}, seen_at)
        SELECT g.current, k.feed_id, k.id, @now
        FROM unnest(@feeds, @ids) AS k(feed_id, id), (SELECT max(generation) AS current FROM inbox_dedupe_generations) g
        WHERE NOT EXISTS (
            SELECT 1 FROM {table} d
            WHERE d.feed_id = k.feed_id AND d.{id} = k.id AND d.generation < g.current AND d.seen_at >= @cutoff)
        ORDER BY k.feed_id, k.id
        ON CONFLICT (feed_id, {id}, generation) DO UPDATE SET seen_at = excluded.seen_at
        WHERE {table}.seen_at < @cutoff
        RETURNING feed_id, {id}
        """;
}
