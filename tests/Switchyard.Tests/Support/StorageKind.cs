namespace Switchyard.Tests.Support;

/// <summary>The storage provider a process test runs <c>switchyard serve</c> on: a theory's parameter.</summary>
public enum StorageKind
{
    /// <summary>SQLite in the data directory, the default.</summary>
    Sqlite,

    /// <summary>A fresh database of the test cluster (<c>SWITCHYARD_TEST_POSTGRES</c>), given with <c>--postgres</c>.</summary>
    Postgres,
}
