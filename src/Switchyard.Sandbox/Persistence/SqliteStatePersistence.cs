using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Persistence;

/// <summary>
/// Write-through SQLite copy of the sandbox state: one JSON document per user plus the data-point ledger
/// (REST keys as SHA-256 hex and a redacted label only), each
/// request committed in one transaction. WAL keeps readers (e.g. a debugging sqlite3 shell) off the writer's back.
/// </summary>
internal sealed class SqliteStatePersistence : IStatePersistence
{
    public const string FileName = "sandbox.db";

    private readonly SqliteConnection _connection;

    public SqliteStatePersistence(string directory)
    {
        PrivateFiles.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        PrivateFiles.PrepareDatabase(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("CREATE TABLE IF NOT EXISTS users (braze_id TEXT PRIMARY KEY, document TEXT NOT NULL);");
        // The first ledger table kept REST keys in clear; it is dropped rather than migrated (nothing has shipped).
        Execute("DROP TABLE IF EXISTS data_points;");
        Execute("""
            CREATE TABLE IF NOT EXISTS data_point_ledger (
                key_sha256 TEXT PRIMARY KEY,
                key_label TEXT NOT NULL,
                custom_attributes INTEGER NOT NULL,
                profile_attributes INTEGER NOT NULL,
                events INTEGER NOT NULL,
                purchases INTEGER NOT NULL);
            """);
    }

    public IReadOnlyList<SandboxUser> LoadUsers()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT document FROM users;";
        using var reader = command.ExecuteReader();
        var users = new List<SandboxUser>();
        while (reader.Read())
        {
            var doc = JsonNode.Parse(reader.GetString(0)) as JsonObject
                ?? throw new InvalidDataException("A persisted sandbox user is not a JSON object.");
            users.Add(SandboxUser.FromDocument(doc));
        }

        return users;
    }

    public IReadOnlyList<LedgerRow> LoadLedger()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT key_sha256, key_label, custom_attributes, profile_attributes, events, purchases FROM data_point_ledger;";
        using var reader = command.ExecuteReader();
        var rows = new List<LedgerRow>();
        while (reader.Read())
        {
            rows.Add(new LedgerRow(new LedgerKey(reader.GetString(0), reader.GetString(1)), new DataPointTally
            {
                CustomAttributes = reader.GetInt64(2),
                ProfileAttributes = reader.GetInt64(3),
                Events = reader.GetInt64(4),
                Purchases = reader.GetInt64(5),
            }));
        }

        return rows;
    }

    public void Commit(IReadOnlyCollection<SandboxUser> upserts, IReadOnlyCollection<string> deletedBrazeIds, LedgerRow? ledgerRow)
    {
        if (upserts.Count == 0 && deletedBrazeIds.Count == 0 && ledgerRow is null)
        {
            return;
        }

        using var transaction = _connection.BeginTransaction();
        using (var upsert = _connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = "INSERT INTO users (braze_id, document) VALUES ($id, $doc) ON CONFLICT(braze_id) DO UPDATE SET document = excluded.document;";
            var id = upsert.Parameters.Add("$id", SqliteType.Text);
            var doc = upsert.Parameters.Add("$doc", SqliteType.Text);
            foreach (var user in upserts)
            {
                id.Value = user.BrazeId;
                doc.Value = user.ToDocument().ToJsonString();
                upsert.ExecuteNonQuery();
            }
        }

        using (var delete = _connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM users WHERE braze_id = $id;";
            var id = delete.Parameters.Add("$id", SqliteType.Text);
            foreach (var brazeId in deletedBrazeIds)
            {
                id.Value = brazeId;
                delete.ExecuteNonQuery();
            }
        }

        if (ledgerRow is not null)
        {
            using var ledger = _connection.CreateCommand();
            ledger.Transaction = transaction;
            ledger.CommandText = """
                INSERT INTO data_point_ledger (key_sha256, key_label, custom_attributes, profile_attributes, events, purchases)
                VALUES ($hash, $label, $c, $p, $e, $u)
                ON CONFLICT(key_sha256) DO UPDATE SET custom_attributes = $c, profile_attributes = $p, events = $e, purchases = $u;
                """;
            ledger.Parameters.AddWithValue("$hash", ledgerRow.Key.Hash);
            ledger.Parameters.AddWithValue("$label", ledgerRow.Key.Label);
            ledger.Parameters.AddWithValue("$c", ledgerRow.Totals.CustomAttributes);
            ledger.Parameters.AddWithValue("$p", ledgerRow.Totals.ProfileAttributes);
            ledger.Parameters.AddWithValue("$e", ledgerRow.Totals.Events);
            ledger.Parameters.AddWithValue("$u", ledgerRow.Totals.Purchases);
            ledger.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void ClearAll()
    {
        // One transaction, so a failure cannot leave users deleted but the ledger kept (or the reverse).
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM users; DELETE FROM data_point_ledger;";
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void ClearLedger() => Execute("DELETE FROM data_point_ledger;");

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
