namespace Switchyard.Storage.Sqlite;

internal static class SqliteMarker;
