using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// Columns added to tables after their first release: a database from before lacks them, and <c>CREATE TABLE IF NOT
/// EXISTS</c> does not add them, so each is added at open when <c>pragma_table_info</c> does not list it.
/// </summary>
internal static class SchemaColumns
{
    public static async Task AddMissingAsync(SqliteConnection connection, string table, IReadOnlyList<(string Name, string Type)> columns, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info($table);";
            command.Parameters.AddWithValue("$table", table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                present.Add(reader.GetString(0));
            }
        }

        foreach (var (name, type) in columns)
        {
            if (!present.Contains(name))
            {
                // Names and types are constants of this assembly, never input.
                await SqliteConnections.ExecuteAsync(connection, $"ALTER TABLE {table} ADD COLUMN {name} {type};", cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
