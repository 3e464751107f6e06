using SQLitePCL;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// Settings SQLite takes once per process, before its first connection opens. Memory statistics are turned off: with
/// them on, every allocation and free in SQLite takes one process-wide mutex, which the partition lanes' sessions,
/// the profile writer and the checkpointer then queue on (nothing here reads those statistics). Applied when the
/// first store opens a database; if something else in the process opened SQLite first, the call is refused and
/// SQLite keeps its defaults, which changes speed, not behaviour.
/// </summary>
internal static class SqliteProcessSettings
{
    private static readonly Lazy<bool> Applied = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the settings took effect in this process.</summary>
    public static bool MemoryStatisticsOff => Applied.Value;

    /// <summary>Applies the settings, once.</summary>
    public static void Apply() => _ = Applied.Value;

    private static bool Configure()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
    }
}
