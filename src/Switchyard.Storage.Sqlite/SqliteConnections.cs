using Microsoft.Data.Sqlite;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite;

/// <summary>Opens connections to one database file with the settings every connection needs.</summary>
internal static class SqliteConnections
{
    /// <summary>
    /// The connection string of a store's database file, which is created first (0600, <see cref="PrivateFiles.PrepareDatabase"/>)
    /// so SQLite never creates it, or its -wal and -shm, with the umask's mode.
    /// </summary>
    public static string ForDatabase(string path)
    {
        SqliteProcessSettings.Apply();
        PrivateFiles.PrepareDatabase(path);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>
    /// The page size of the inbox and the other stores that write rows in key order: 16 KB pages hold several batches
    /// each.
    /// </summary>
    public const int BatchPageSize = 16384;

    /// <param name="cacheMegabytes">Page cache of this connection; 0 keeps SQLite's default (about 2 MB).</param>
    /// <param name="pageSize">The page size of a database this call creates; an existing database keeps its own
    /// (https://www.sqlite.org/pragma.html#pragma_page_size).</param>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, bool synchronousFull, int cacheMegabytes, CancellationToken cancellationToken, int pageSize = BatchPageSize)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection,
                $"PRAGMA page_size={pageSize}; PRAGMA journal_mode=WAL; PRAGMA synchronous={(synchronousFull ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=30000;"
                + (cacheMegabytes > 0 ? $" PRAGMA cache_size=-{cacheMegabytes * 1024};" : ""),
                cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
