using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// Checkpoints one database's write-ahead log on a thread and connection of its own, so the writer's commits do not.
/// By default SQLite checkpoints inside the commit that pushes the WAL past 1,000 pages: that commit copies the pages
/// into the database file and waits for the disk, while every session waiting to commit waits behind it. Here the
/// checkpointer runs a PASSIVE checkpoint — which never blocks the writer or readers — every <see cref="Interval"/>,
/// and the writer checkpoints itself only as a fallback, once the log is far larger (<see cref="WriterFallbackPages"/>).
/// Not after every commit: each completed checkpoint lets the writer start the log afresh, and SQLite syncs the new
/// log's header to disk in the commit that does so; a few restarts a second keep that cost small, and a page written
/// by several commits in between is copied once. Checkpoints that must finish (an erasure truncating the log) run
/// through <see cref="RunExclusive"/>, so they never meet a background checkpoint in progress, which would make them
/// return busy.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>
    /// The WAL size, in pages, at which the writer checkpoints in its own commit: 256 MB of 4 KB pages, far more than the
    /// processor writes in one <see cref="Interval"/>, so only a stalled checkpointer lets it come to that.
    /// </summary>
    public const int WriterFallbackPages = 65_536;

    /// <summary>
    /// The size the WAL file is cut back to when the log restarts, so a burst does not leave a large file; large enough
    /// that steady processing reuses the file's blocks instead of freeing and allocating them at every restart.
    /// </summary>
    public const long WalSizeLimitBytes = 128L * 1024 * 1024;

    /// <summary>How often the checkpointer runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _checkpoint = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _rounds;
    private long _lastLogPages;

    private WalCheckpointer(SqliteConnection connection, string name)
    {
        _connection = connection;
        _thread = new Thread(Run) { IsBackground = true, Name = "wal checkpoint " + name };
        _thread.Start();
    }

    /// <summary>The pragmas the writer of a database with a background checkpointer runs at open.</summary>
    public static string WriterPragmas =>
        $"PRAGMA wal_autocheckpoint={WriterFallbackPages}; PRAGMA journal_size_limit={WalSizeLimitBytes};";

    /// <summary>Background checkpoints that found pages in the log (tests and diagnostics).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>How many pages the log held at the last background checkpoint that found any.</summary>
    public long LastLogPages => Interlocked.Read(ref _lastLogPages);

    /// <summary>Opens the checkpointer's connection and starts its thread.</summary>
    public static WalCheckpointer Start(string connectionString, string name)
    {
        var connection = Profiles.ReaderConnections.Open(connectionString);
        return new WalCheckpointer(connection, name);
    }

    /// <summary>Runs <paramref name="action"/> (a checkpoint that must complete) while no background checkpoint runs.</summary>
    public void RunExclusive(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_checkpoint)
        {
            action();
        }
    }

    private void Run()
    {
        while (!_stopping)
        {
            _wake.Wait(Interval);
            if (_stopping)
            {
                return;
            }

            try
            {
                lock (_checkpoint)
                {
                    using var command = _connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    using var result = command.ExecuteReader();
                    // busy, pages in the log, pages of the log now in the database file (-1 when not in WAL mode).
                    if (result.Read() && result.GetInt64(1) is > 0 and var logPages)
                    {
                        Interlocked.Exchange(ref _lastLogPages, logPages);
                        Interlocked.Increment(ref _rounds);
                    }
                }
            }
            catch (SqliteException)
            {
                // The next round tries again, and the writer's own fallback checkpoint bounds the log meanwhile.
            }
        }
    }

    /// <summary>Stops the thread (after a checkpoint in progress) and closes the connection.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _wake.Release();
        _thread.Join();
        _connection.Dispose();
        _wake.Dispose();
    }
}
