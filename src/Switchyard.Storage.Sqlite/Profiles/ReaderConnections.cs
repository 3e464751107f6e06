using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Synchronous connections for the stores whose contracts are synchronous. Only what a pooled reader needs is set:
/// WAL mode and the page size are properties of the file (set by the writer), synchronous only matters for writes.
/// </summary>
internal static class ReaderConnections
{
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=30000;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
