using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// Checkpoints one database's write-ahead log on a thread and connection of its own, so the writer's commits do not.
/// By default SQLite checkpoints inside the commit that pushes the WAL past 1,000 pages: that commit copies the pages
/// into the database file and waits for the disk, while every session waiting to commit waits behind it. Here the
/// writer only checkpoints as a fallback, once the WAL is far larger (<see cref="WriterFallbackPages"/>), and this
/// checkpointer runs PASSIVE checkpoints — which never block the writer or readers — whenever asked after a commit,
/// and at least every <see cref="Interval"/> for writes nobody announced. Checkpoints that must finish (an erasure
/// truncating the log) run through <see cref="RunExclusive"/>, so they never meet a background checkpoint in progress,
/// which would make them return busy.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>The WAL size, in pages, at which the writer checkpoints in its own commit (the background fell behind).</summary>
    public const int WriterFallbackPages = 16_384;

    /// <summary>The size the WAL file is cut back to after the log restarts, so a burst does not leave a large file.</summary>
    public const long WalSizeLimitBytes = 32L * 1024 * 1024;

    /// <summary>How often the checkpointer runs when nobody asks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _checkpoint = new();
    private readonly Thread _thread;
    private int _requested;
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

    /// <summary>Asks for a checkpoint soon (after a commit); cheap, and never waits.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 0)
        {
            _wake.Release();
        }
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
            Volatile.Write(ref _requested, 0);
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
        Request();
        _thread.Join();
        _connection.Dispose();
        _wake.Dispose();
    }
}
