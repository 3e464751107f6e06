using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.Configuration;

/// <summary>
/// Inputs, outputs and connections saved through the admin API, one row each, as the workspace file's JSON. Kind and id
/// compare byte by byte (<c>COLLATE "C"</c>) so that their order, and which ids are the same, do not depend on the
/// database's locale and match the SQLite provider's.
/// </summary>
internal static class WorkspaceEntrySchema
{
    /// <summary>The component the steps are recorded under in <c>switchyard_schema</c>.</summary>
    public const string Component = "workspace";

    public static readonly PostgresMigration[] Migrations =
    [
        new(1, "inputs, outputs and connections saved through the admin API", """
            CREATE TABLE workspace_entries (
                kind text COLLATE "C" NOT NULL,
                id text COLLATE "C" NOT NULL,
                entry_json text NOT NULL,
                updated_at_ms bigint NOT NULL,
                PRIMARY KEY (kind, id));
            """),
    ];

    public const string List = "SELECT kind, id, entry_json, updated_at_ms FROM workspace_entries ORDER BY updated_at_ms, kind, id";

    public const string Upsert = """
        INSERT INTO workspace_entries (kind, id, entry_json, updated_at_ms) VALUES (@kind, @id, @json, @now)
        ON CONFLICT (kind, id) DO UPDATE SET entry_json = excluded.entry_json, updated_at_ms = excluded.updated_at_ms
        """;

    public const string Delete = "DELETE FROM workspace_entries WHERE kind = @kind AND id = @id";
}
