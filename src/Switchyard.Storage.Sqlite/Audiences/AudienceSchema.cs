namespace Switchyard.Storage.Sqlite.Audiences;

/// <summary>
/// Audience definitions, the version counter readers compare to know when to recompile, and the version every
/// profile has been evaluated against. The counter is a row
/// rather than derived from the definitions (a max of timestamps, a count) because a delete, or two writes in the same
/// millisecond, must still move it, including across restarts.
/// </summary>
internal static class AudienceSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS audiences (
            id INTEGER PRIMARY KEY,
            definition_json TEXT NOT NULL,
            updated_at_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS audience_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO audience_version (id, version) VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS audiences_evaluated (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL,
            generation TEXT NOT NULL
        );
        """;

    public const string SelectEvaluated = "SELECT version, generation FROM audiences_evaluated WHERE id = 1;";

    public const string SetEvaluated = """
        INSERT INTO audiences_evaluated (id, version, generation) VALUES (1, $version, $generation)
        ON CONFLICT (id) DO UPDATE SET version = excluded.version, generation = excluded.generation;
        """;

    public const string SelectVersion = "SELECT version FROM audience_version WHERE id = 1;";

    public const string BumpVersion = "UPDATE audience_version SET version = version + 1 WHERE id = 1 RETURNING version;";

    public const string List = "SELECT id, definition_json, updated_at_ms FROM audiences ORDER BY id;";

    public const string Get = "SELECT id, definition_json, updated_at_ms FROM audiences WHERE id = $id;";

    public const string Upsert = """
        INSERT INTO audiences (id, definition_json, updated_at_ms) VALUES ($id, $json, $now)
        ON CONFLICT (id) DO UPDATE SET definition_json = excluded.definition_json, updated_at_ms = excluded.updated_at_ms;
        """;

    public const string Delete = "DELETE FROM audiences WHERE id = $id;";
}
