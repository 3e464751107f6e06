namespace Switchyard.Storage.Sqlite.Configuration;

/// <summary>Inputs, outputs and connections saved through the admin API, one row each, as the workspace file's JSON.</summary>
internal static class WorkspaceEntrySchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS workspace_entries (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            entry_json TEXT NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        """;

    public const string List = "SELECT kind, id, entry_json, updated_at_ms FROM workspace_entries ORDER BY updated_at_ms, kind, id;";

    public const string Upsert = """
        INSERT INTO workspace_entries (kind, id, entry_json, updated_at_ms) VALUES ($kind, $id, $json, $now)
        ON CONFLICT (kind, id) DO UPDATE SET entry_json = excluded.entry_json, updated_at_ms = excluded.updated_at_ms;
        """;

    public const string Delete = "DELETE FROM workspace_entries WHERE kind = $kind AND id = $id;";
}
