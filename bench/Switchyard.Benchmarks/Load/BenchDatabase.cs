using System.Globalization;
using Npgsql;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// A fresh PostgreSQL database for one run, made on the server the <c>--postgres</c> connection string names and dropped
/// afterwards, so every run starts from empty tables as a SQLite run starts from an empty data directory.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private BenchDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of the fresh database (the given one with its <c>Database</c> replaced).</summary>
    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string server)
    {
        var name = "switchyard_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new BenchDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>
    /// Prints every table's rows and bytes on disk (heap, indexes and TOAST; a range-partitioned table summed over its
    /// segments), as written and again after <c>VACUUM FULL</c> (the live rows alone, without dead versions or free space).
    /// </summary>
    public async Task PrintSizesAsync(string heading)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var written = await SizesAsync(connection);
        await using (var vacuum = new NpgsqlCommand("VACUUM FULL", connection) { CommandTimeout = 600 })
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        var compacted = await SizesAsync(connection);
        System.Console.WriteLine();
        System.Console.WriteLine($"Storage after {heading} (PostgreSQL, bytes include indexes and TOAST):");
        System.Console.WriteLine("| Table | Rows | As written | Bytes/row | After VACUUM FULL | Bytes/row | of which indexes |");
        System.Console.WriteLine("|---|---|---|---|---|---|---|");
        long totalWritten = 0, totalCompacted = 0;
        foreach (var (table, size) in written.OrderByDescending(t => t.Value.Total))
        {
            var rows = await CountAsync(connection, table);
            var after = compacted.GetValueOrDefault(table);
            totalWritten += size.Total;
            totalCompacted += after.Total;
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {table} | {rows:N0} | {size.Total:N0} | {PerRow(size.Total, rows)} | {after.Total:N0} | {PerRow(after.Total, rows)} | {after.Indexes:N0} |"));
        }

        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| all | | {totalWritten:N0} | | {totalCompacted:N0} | | |"));
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string PerRow(long bytes, long rows) => rows == 0 ? "" : (bytes / (double)rows).ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, (long Total, long Indexes)>> SizesAsync(NpgsqlConnection connection)
    {
        // A segment of the range-partitioned inbox counts under its parent.
        const string Sizes = """
            SELECT coalesce(p.relname, c.relname), sum(pg_total_relation_size(c.oid))::bigint, sum(pg_indexes_size(c.oid))::bigint
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
            LEFT JOIN pg_class p ON p.oid = i.inhparent
            WHERE n.nspname = current_schema() AND c.relkind = 'r'
            GROUP BY 1
            """;
        var sizes = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(Sizes, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sizes[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return sizes;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
