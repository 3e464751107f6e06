using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Synchronous connections for the stores whose contracts are synchronous. Only what a pooled reader needs is set:
/// WAL mode and the page size are properties of the file (set by the writer), synchronous only matters for writes.
/// </summary>
internal static class ReaderConnections
{
    /// <param name="pageCap">Applied on every open, so a pooled connection follows the cap as it is now.</param>
    public static SqliteConnection Open(string connectionString, SqlitePageCap? pageCap = null)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=30000;" + pageCap?.Pragma;
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
