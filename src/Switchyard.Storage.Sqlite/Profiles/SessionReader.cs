using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// A reader connection with its prepared statements, lent to one session at a time and kept by the store between
/// sessions, so a session's reads are prepared once per connection rather than once per call.
/// </summary>
internal sealed class SessionReader(SqliteConnection connection) : IDisposable
{
    public ProfileStatements Statements { get; } = new(connection);

    public void Dispose()
    {
        Statements.Dispose();
        connection.Dispose();
    }
}
