using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// Tells other nodes that this node's inbox stored new batches: one <c>pg_notify</c> on <see cref="Channel"/>, sent as a
/// statement of its own after the flush has committed, never inside it. A transaction with a pending notification takes
/// a database-wide lock at commit, which would make every node's appending transactions commit one after another behind
/// it (postgresql.org/docs/current/sql-notify.html); outside it the lock is held for the length of this one statement.
/// <para>
/// <b>Debounced.</b> The first flush after a quiet spell is told at once; the flushes of the next
/// <see cref="Interval"/> are folded into one more notification at its end, so a node sends at most one every
/// <see cref="Interval"/>, however busy. Listeners treat a notification as a hint and poll besides, so a notification
/// that is late, folded or lost costs at most one poll interval, never a batch.
/// </para>
/// <para>
/// Runs beside the writer on a loop of its own: the writer only sets a flag, so neither a slow nor a failing
/// notification holds an append's answer or the next flush. A failure is logged and forgotten.
/// </para>
/// </summary>
internal sealed class InboxNotifier : IAsyncDisposable
{
    /// <summary>The channel every node notifies and processing nodes listen on.</summary>
    public const string Channel = "switchyard_inbox";

    /// <summary>The shortest time between two notifications of one node.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>A notification that takes longer than this is given up (the next poll finds the batches anyway).</summary>
    private const int CommandTimeoutSeconds = 5;

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;
    private readonly Channel<bool> _requests = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private ILogger _logger;
    private bool _failing;
    private long _sent;

    public InboxNotifier(NpgsqlDataSource source, TimeProvider time, ILogger? logger)
    {
        _source = source;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many notifications went out (tests count them).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>
    /// Where failures are logged from now on: the host's logging exists only once its services are built, after the
    /// stores have opened.
    /// </summary>
    public void LogTo(ILogger logger) => Volatile.Write(ref _logger, logger);

    /// <summary>Asks for a notification; returns at once. Requests made while one is due fold into it.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Sends what is still asked for, then stops; the caller closes the data source afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_requests.Writer.TryComplete())
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private async Task RunAsync()
    {
        while (await _requests.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _requests.Reader.TryRead(out _);
            await SendAsync().ConfigureAwait(false);
            try
            {
                // Requests made while this waits are held in the channel (one, however many) and sent when it ends.
                await Task.Delay(Interval, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: a request still held is sent at once, then the loop ends with the channel.
            }
        }
    }

    private async Task SendAsync()
    {
        try
        {
            await using var command = _source.CreateCommand("SELECT pg_notify(@channel, '')");
            command.CommandTimeout = CommandTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter<string>("channel", Channel));
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            if (_failing)
            {
                _failing = false;
                Log.NotifyRecovered(Volatile.Read(ref _logger));
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Listeners poll besides, so a lost notification only delays the batches until the next poll.
            if (_failing)
            {
                Log.NotifyFailedAgain(Volatile.Read(ref _logger), e);
            }
            else
            {
                _failing = true;
                Log.NotifyFailed(Volatile.Read(ref _logger), e);
            }
        }
    }
}
