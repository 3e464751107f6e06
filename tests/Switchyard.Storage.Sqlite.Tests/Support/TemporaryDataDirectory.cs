using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Tests.Support;

/// <summary>A data directory of its own for one test, removed with its pooled SQLite connections afterwards.</summary>
internal sealed class TemporaryDataDirectory(string purpose) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"switchyard-{purpose}-{Guid.NewGuid():N}");

    public SqliteStorageOptions Options => new() { DataDirectory = Path };

    public void Dispose()
    {
        // Pooled connections keep the files open; close them before the folder goes.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
