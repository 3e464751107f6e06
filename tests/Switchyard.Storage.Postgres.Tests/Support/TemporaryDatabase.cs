using Npgsql;

namespace Switchyard.Storage.Postgres.Tests.Support;

/// <summary>
/// A database of its own for one test on the test cluster that <c>./test.sh</c> starts (<c>tests/postgres.sh</c>), dropped
/// afterwards. The cluster's connection string comes from <c>SWITCHYARD_TEST_POSTGRES</c>.
/// </summary>
internal sealed class TemporaryDatabase : IAsyncDisposable
{
    /// <summary>The environment variable that names the test cluster.</summary>
    public const string ServerVariable = "SWITCHYARD_TEST_POSTGRES";

    private TemporaryDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>Options of the PostgreSQL provider for this database.</summary>
    public PostgresStorageOptions Options => new() { ConnectionString = ConnectionString };

    /// <summary>The test cluster's connection string; fails with how to get one when it is not set.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. ./test.sh starts a PostgreSQL cluster for the tests; to run these tests alone, start one with "
                + $"`export {ServerVariable}=$(tests/postgres.sh start /tmp/switchyard-pg)` and stop it with `tests/postgres.sh stop /tmp/switchyard-pg`.");

    public static async Task<TemporaryDatabase> CreateAsync()
    {
        var name = "switchyard_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new TemporaryDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
