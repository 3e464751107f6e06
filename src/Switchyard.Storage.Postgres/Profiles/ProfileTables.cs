using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// The tables of the "profiles" component: a profile is one <c>json</c> document with identity and membership rows
/// beside it (so lookups by identity or audience are index seeks), the membership log, the expiry index, retired
/// MPIDs, the partition cursors, the processing totals and the outbox that processing commits fill.
/// </summary>
internal static class ProfileTables
{
    /// <summary>The component name under which the steps are recorded in <c>switchyard_schema</c>.</summary>
    public const string Component = "profiles";

    public static readonly PostgresMigration[] Migrations =
    [
        new(1, "profiles, identities, memberships, membership log, expiry index, cursors, totals, outbox", """
            CREATE TABLE profiles (
                mpid bigint PRIMARY KEY,
                -- Unique across every write (profile_versions), so a deleted and re-created profile never shows an
                -- old version again; 0 marks a commit's claim on an absent key, never committed.
                version bigint NOT NULL,
                -- json, not jsonb: the text is kept as written, key order included (a profile's dictionaries
                -- come back in the order they were saved), and nothing is parsed into a binary form on every save.
                doc json NOT NULL);
            CREATE SEQUENCE profile_versions AS bigint CACHE 100;

            CREATE TABLE identities (
                key text NOT NULL,
                value text NOT NULL,
                mpid bigint NOT NULL,
                PRIMARY KEY (key, value));
            CREATE INDEX identities_by_mpid ON identities (mpid);

            CREATE TABLE memberships (
                audience_id integer NOT NULL,
                mpid bigint NOT NULL,
                PRIMARY KEY (audience_id, mpid));
            CREATE INDEX memberships_by_mpid ON memberships (mpid, audience_id);

            CREATE TABLE membership_changes (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                audience_id integer NOT NULL,
                mpid bigint NOT NULL,
                action text NOT NULL CHECK (action IN ('add', 'remove')),
                at_ms bigint NOT NULL);

            CREATE TABLE evaluation_due (
                mpid bigint PRIMARY KEY,
                due_ms bigint NOT NULL);
            CREATE INDEX evaluation_due_by_time ON evaluation_due (due_ms, mpid);

            CREATE TABLE retired_mpids (
                mpid bigint PRIMARY KEY);

            -- Rewritten by every processing commit: room on each page keeps the updates HOT.
            CREATE TABLE partition_cursors (
                partition integer PRIMARY KEY,
                sequence bigint NOT NULL) WITH (fillfactor = 50);

            -- Spread over slots so that concurrent commits do not queue on one row per counter.
            CREATE TABLE processing_totals (
                name text NOT NULL,
                slot smallint NOT NULL,
                value bigint NOT NULL,
                PRIMARY KEY (name, slot)) WITH (fillfactor = 50);

            CREATE TABLE outbox (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                partition integer NOT NULL,
                output_id text NOT NULL,
                mpid bigint NOT NULL,
                payload text NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at_ms bigint NOT NULL,
                created_at_ms bigint NOT NULL,
                last_error text,
                batch_seq bigint,
                batch_feed_id text,
                batch_source_request_id text,
                batch_received_at_ms bigint,
                batch_payload bytea);
            CREATE INDEX outbox_in_order ON outbox (output_id, id);
            CREATE INDEX outbox_by_user ON outbox (output_id, mpid, id);
            CREATE INDEX outbox_due ON outbox (output_id, next_attempt_at_ms, id);
            """),
        new(2, "delivery state: dead letters, ledgers, delivered events, audience sync", """
            -- The inbox batch an item's payload names ({"seq": n}), read once when it is queued, so that finding the
            -- lowest sequence still needed parses no JSON.
            ALTER TABLE outbox ADD COLUMN inbox_seq bigint;

            CREATE TABLE dead_letters (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                partition integer NOT NULL,
                output_id text NOT NULL,
                mpid bigint NOT NULL,
                payload text NOT NULL,
                reason text NOT NULL,
                attempts integer NOT NULL,
                created_at_ms bigint NOT NULL,
                dead_at_ms bigint NOT NULL,
                inbox_seq bigint,
                batch_seq bigint,
                batch_feed_id text,
                batch_source_request_id text,
                batch_received_at_ms bigint,
                batch_payload bytea);
            CREATE INDEX dead_letters_by_output ON dead_letters (output_id, id);

            CREATE TABLE last_sent (
                output_id text NOT NULL,
                mpid bigint NOT NULL,
                field text NOT NULL,
                value text NOT NULL,
                acked_at_ms bigint,
                PRIMARY KEY (output_id, mpid, field));

            CREATE TABLE delivered_events (
                output_id text NOT NULL,
                event_id text NOT NULL,
                delivered_at_ms bigint NOT NULL,
                PRIMARY KEY (output_id, event_id));
            CREATE INDEX delivered_events_by_time ON delivered_events (delivered_at_ms);

            CREATE TABLE audience_connections (
                output_id text NOT NULL,
                audience_id integer NOT NULL,
                active boolean NOT NULL,
                created_at_ms bigint NOT NULL,
                updated_at_ms bigint NOT NULL,
                PRIMARY KEY (output_id, audience_id));

            CREATE TABLE membership_tails (
                output_id text PRIMARY KEY,
                position bigint NOT NULL);

            CREATE TABLE audience_jobs (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                output_id text NOT NULL,
                audience_id integer NOT NULL,
                kind text NOT NULL CHECK (kind IN ('sync', 'clean_up')),
                state text NOT NULL CHECK (state IN ('running', 'done', 'cancelled')),
                phase integer NOT NULL,
                cursor_mpid bigint NOT NULL,
                processed bigint NOT NULL,
                total bigint NOT NULL,
                created_at_ms bigint NOT NULL,
                finished_at_ms bigint);
            -- At most one running job per audience connection.
            CREATE UNIQUE INDEX audience_jobs_running ON audience_jobs (output_id, audience_id) WHERE state = 'running';
            """),
        new(3, "partition fences", """
            -- The epoch of the lease the partition's current owner holds; a processing commit of the partition goes
            -- through only while it still carries the epoch the work was done under.
            ALTER TABLE partition_cursors ADD COLUMN epoch bigint NOT NULL DEFAULT 0;
            """),
        new(4, "delivered events and membership log partitioned by time", """
            -- Retention drops whole partitions (TimePartitions) instead of deleting rows. A key of a partitioned table
            -- must hold the partition key, so a delivered id may have a row per delivery time, and the membership log's
            -- ids come from a sequence (an identity column cannot be partitioned on PostgreSQL 15), started past every
            -- id the old table handed out. The rows there now get buckets of the default spans (a day, a week), named
            -- as TimePartitions names them; later buckets are made by the store as rows need them.
            DROP INDEX delivered_events_by_time;
            ALTER TABLE delivered_events RENAME TO delivered_events_unpartitioned;
            ALTER TABLE delivered_events_unpartitioned RENAME CONSTRAINT delivered_events_pkey TO delivered_events_unpartitioned_pkey;
            CREATE TABLE delivered_events (
                output_id text NOT NULL,
                event_id text NOT NULL,
                delivered_at_ms bigint NOT NULL,
                PRIMARY KEY (output_id, event_id, delivered_at_ms)) PARTITION BY RANGE (delivered_at_ms);

            ALTER TABLE membership_changes RENAME TO membership_changes_unpartitioned;
            ALTER TABLE membership_changes_unpartitioned RENAME CONSTRAINT membership_changes_pkey TO membership_changes_unpartitioned_pkey;
            CREATE SEQUENCE membership_change_ids AS bigint;
            -- The primary key's index on (id, at_ms) in each partition serves reads by id (id > @after ORDER BY id) as
            -- a merge of the partitions' indexes.
            CREATE TABLE membership_changes (
                id bigint NOT NULL DEFAULT nextval('membership_change_ids'),
                audience_id integer NOT NULL,
                mpid bigint NOT NULL,
                action text NOT NULL CHECK (action IN ('add', 'remove')),
                at_ms bigint NOT NULL,
                PRIMARY KEY (id, at_ms)) PARTITION BY RANGE (at_ms);
            ALTER SEQUENCE membership_change_ids OWNED BY membership_changes.id;

            DO $$
            DECLARE
                bucket bigint;
                highest bigint;
            BEGIN
                FOR bucket IN
                    SELECT DISTINCT delivered_at_ms - mod(mod(delivered_at_ms, 86400000) + 86400000, 86400000) FROM delivered_events_unpartitioned
                LOOP
                    EXECUTE format('CREATE TABLE %I PARTITION OF delivered_events FOR VALUES FROM (%s) TO (%s)',
                        'delivered_events_' || CASE WHEN bucket < 0 THEN 'm' ELSE '' END || lpad(abs(bucket)::text, 19, '0'),
                        bucket, bucket + 86400000);
                END LOOP;

                FOR bucket IN
                    SELECT DISTINCT at_ms - mod(mod(at_ms, 604800000) + 604800000, 604800000) FROM membership_changes_unpartitioned
                LOOP
                    EXECUTE format('CREATE TABLE %I PARTITION OF membership_changes FOR VALUES FROM (%s) TO (%s)',
                        'membership_changes_' || CASE WHEN bucket < 0 THEN 'm' ELSE '' END || lpad(abs(bucket)::text, 19, '0'),
                        bucket, bucket + 604800000);
                END LOOP;

                -- Past the highest id ever handed out, including those of rows since pruned or erased.
                SELECT greatest(
                    (SELECT coalesce(max(id), 0) FROM membership_changes_unpartitioned),
                    coalesce(pg_sequence_last_value(pg_get_serial_sequence('membership_changes_unpartitioned', 'id')::regclass), 0))
                INTO highest;
                PERFORM setval('membership_change_ids', greatest(highest, 1), highest >= 1);
            END $$;

            INSERT INTO delivered_events (output_id, event_id, delivered_at_ms)
            SELECT output_id, event_id, delivered_at_ms FROM delivered_events_unpartitioned;
            INSERT INTO membership_changes (id, audience_id, mpid, action, at_ms)
            SELECT id, audience_id, mpid, action, at_ms FROM membership_changes_unpartitioned;
            DROP TABLE delivered_events_unpartitioned;
            DROP TABLE membership_changes_unpartitioned;
            """),
    ];

    /// <summary>Raises fences to the given epochs (never lowers one) and returns the partitions whose fence now carries it.</summary>
    public const string TakeFences = """
        UPDATE partition_cursors c SET epoch = u.epoch
        FROM unnest(@partitions, @epochs) AS u(partition, epoch)
        WHERE c.partition = u.partition AND c.epoch <= u.epoch
        RETURNING c.partition, c.epoch
        """;

    public const string SeedCursors = """
        INSERT INTO partition_cursors (partition, sequence)
        SELECT p, 0 FROM generate_series(0, @count - 1) AS p
        ON CONFLICT (partition) DO NOTHING
        """;

    public const string SelectCursors = "SELECT partition, sequence FROM partition_cursors ORDER BY partition";

    // Every batch at or below the lowest cursor is done, whichever partition it belongs to.
    public const string SelectCheckpoint = "SELECT coalesce(min(sequence), 0)::bigint FROM partition_cursors";

    public const string SelectTotals = "SELECT name, sum(value)::bigint FROM processing_totals GROUP BY name";

    public const string SelectDocument = "SELECT doc::text, version FROM profiles WHERE mpid = @mpid";

    public const string SelectMpid = "SELECT mpid FROM identities WHERE key = @key AND value = @value";

    // An MPID is never reused (Profile.Mpid), so a deleted profile's id stays taken.
    public const string MpidTaken = """
        SELECT EXISTS (SELECT 1 FROM profiles WHERE mpid = @mpid) OR EXISTS (SELECT 1 FROM retired_mpids WHERE mpid = @mpid)
        """;

    public const string MembersOfAny = "SELECT DISTINCT mpid FROM memberships WHERE audience_id = ANY(@audiences) ORDER BY mpid";

    public const string SelectDue = "SELECT mpid FROM evaluation_due WHERE due_ms <= @now ORDER BY due_ms, mpid LIMIT @limit";

    public const string ReadChanges = """
        SELECT id, audience_id, mpid, action, at_ms FROM membership_changes
        WHERE id > @after ORDER BY id LIMIT @limit
        """;

    public const string CountMembers = "SELECT count(*) FROM memberships WHERE audience_id = @audience";

    public const string FirstMembers = "SELECT mpid FROM memberships WHERE audience_id = @audience ORDER BY mpid LIMIT @limit";

    public const string MembersAfter = """
        SELECT mpid FROM memberships WHERE audience_id = @audience AND mpid > @after ORDER BY mpid LIMIT @limit
        """;

    public const string FirstProfiles = "SELECT mpid FROM profiles ORDER BY mpid LIMIT @limit";

    public const string ProfilesAfter = "SELECT mpid FROM profiles WHERE mpid > @after ORDER BY mpid LIMIT @limit";
}
