using Npgsql;

namespace Switchyard.Tests.Support;

/// <summary>
/// A database of its own for one test, on the PostgreSQL cluster that <c>./test.sh</c> starts (<c>tests/postgres.sh</c>)
/// and names in <c>SWITCHYARD_TEST_POSTGRES</c>; dropped (with its sessions) when disposed.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable that names the test cluster.</summary>
    public const string ServerVariable = "SWITCHYARD_TEST_POSTGRES";

    private PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>The test cluster's connection string; fails saying how to get one when the variable is not set.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. ./test.sh starts a PostgreSQL cluster for the tests; to run these tests alone, start one with "
                + $"`export {ServerVariable}=$(tests/postgres.sh start /tmp/switchyard-pg)` and stop it with `tests/postgres.sh stop /tmp/switchyard-pg`.");

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = "switchyard_host_" + Guid.NewGuid().ToString("N");
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        return new PostgresTestDatabase(name, new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString);
    }

    /// <summary>This database's connection string with a password added (the test cluster trusts local connections and ignores it).</summary>
    public string WithPassword(string password) => new NpgsqlConnectionStringBuilder(ConnectionString) { Password = password }.ConnectionString;

    /// <summary>Runs SQL in this database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row <paramref name="sql"/> returns.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Drops the database now, ending every session on it, as an operator's mistake or a lost server would.</summary>
    public Task DropAsync() => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    public async ValueTask DisposeAsync() => await DropAsync();

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
