using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.Audiences;

/// <summary>
/// The audience store's tables: the definitions, the version counter readers compare to know when to recompile, and the
/// version every profile has been evaluated against. The counter is a row of its own rather than something derived from
/// the definitions (a max of timestamps, a count), because a delete, or two writes in the same millisecond, must still
/// move it. Being the one row every write changes, it is also the row writers lock to take turns (see
/// <see cref="LockVersion"/>).
/// </summary>
internal static class AudienceSchema
{
    /// <summary>The component the steps are recorded under in <c>switchyard_schema</c>.</summary>
    public const string Component = "audiences";

    public static readonly PostgresMigration[] Migrations =
    [
        new(1, "definitions, their version and the evaluated version", """
            CREATE TABLE audiences (
                id integer PRIMARY KEY,
                definition_json text NOT NULL,
                updated_at_ms bigint NOT NULL);
            CREATE TABLE audience_version (
                id integer PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL);
            INSERT INTO audience_version (id, version) VALUES (1, 0);
            CREATE TABLE audiences_evaluated (
                id integer PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL,
                generation text NOT NULL);
            """),
    ];

    public const string SelectVersion = "SELECT version FROM audience_version WHERE id = 1";

    /// <summary>
    /// Taken first by every write, before it reads anything. A rule reads the whole set of definitions, so a writer must
    /// keep out every other writer of the set, on any node, not only the writer of the same id: row locks on the
    /// definitions would not stop an insert of a new id. Under READ COMMITTED each later statement of the transaction
    /// starts with a snapshot taken after the lock was granted, so it sees what the previous holder committed.
    /// </summary>
    public const string LockVersion = "SELECT version FROM audience_version WHERE id = 1 FOR UPDATE";

    public const string BumpVersion = "UPDATE audience_version SET version = version + 1 WHERE id = 1";

    public const string List = "SELECT id, definition_json, updated_at_ms FROM audiences ORDER BY id";

    public const string Get = "SELECT id, definition_json, updated_at_ms FROM audiences WHERE id = @id";

    public const string Upsert = """
        INSERT INTO audiences (id, definition_json, updated_at_ms) VALUES (@id, @json, @now)
        ON CONFLICT (id) DO UPDATE SET definition_json = excluded.definition_json, updated_at_ms = excluded.updated_at_ms
        """;

    public const string Delete = "DELETE FROM audiences WHERE id = @id";

    public const string SelectEvaluated = "SELECT version, generation FROM audiences_evaluated WHERE id = 1";

    public const string SetEvaluated = """
        INSERT INTO audiences_evaluated (id, version, generation) VALUES (1, @version, @generation)
        ON CONFLICT (id) DO UPDATE SET version = excluded.version, generation = excluded.generation
        """;
}
