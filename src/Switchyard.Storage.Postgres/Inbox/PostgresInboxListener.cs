using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// A processing node's ear for other nodes' appends (<see cref="InboxNotifier"/>): <c>LISTEN</c> on a connection of its
/// own, outside every pool (Npgsql raises notifications on an idle connection only while it waits on it,
/// npgsql.org/doc/wait.html), and a wake-up for each notification heard.
/// <para>
/// The connection is checked with a short query after every <see cref="PingInterval"/> of silence, so one that died
/// quietly is noticed. When it fails, the listener connects again after a pause that doubles from
/// <see cref="FirstRetryDelay"/> up to <see cref="MaxRetryDelay"/>, and wakes processing once it listens again, since
/// notifications sent in between were lost. Processing polls the inbox meanwhile, so nothing waits longer than a poll.
/// </para>
/// </summary>
public sealed class PostgresInboxListener : IInboxWakeups
{
    /// <summary>The <c>application_name</c> of the listening connection, so operators can tell it apart.</summary>
    public const string ApplicationName = "switchyard-inbox-listener";

    internal static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);
    private const int PingTimeoutSeconds = 5;

    private readonly string _connectionString;
    private readonly string _userConnectionString;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _connections;

    /// <param name="options">The database to listen on (<see cref="PostgresStorageOptions.ConnectionString"/>).</param>
    /// <param name="time">The clock of the pauses between attempts.</param>
    /// <param name="logger">Where changes of the connection's state are logged.</param>
    public PostgresInboxListener(PostgresStorageOptions options, TimeProvider time, ILogger<PostgresInboxListener>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = PostgresConnectionString.Parse(options.ConnectionString);
        builder.Pooling = false;
        builder.ApplicationName = ApplicationName;
        builder.CommandTimeout = PingTimeoutSeconds;
        _connectionString = builder.ConnectionString;
        _userConnectionString = options.ConnectionString;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How many times the listener has started listening (tests watch it reconnect).</summary>
    internal long Connections => Interlocked.Read(ref _connections);

    /// <inheritdoc />
    public async Task ListenAsync(Action wake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wake);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += (_, _) => wake();
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {InboxNotifier.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (Interlocked.Increment(ref _connections) == 1)
                {
                    Log.Listening(_logger, InboxNotifier.Channel);
                }
                else
                {
                    Log.ListenerRestored(_logger, failures);
                }

                failures = 0;

                // Whatever was appended before LISTEN took effect went unheard: look once now.
                wake();
                await WaitForNotificationsAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException or OperationCanceledException)
            {
                var delay = RetryDelay(failures);
                var problem = PostgresConnectionString.Scrub(_userConnectionString, e.Message.Split('\n')[0]);
                if (failures++ == 0)
                {
                    Log.ListenerLost(_logger, delay, problem);
                }
                else
                {
                    // One warning per outage; the attempts behind it would repeat it every few seconds.
                    Log.ListenerStillLost(_logger, delay, problem);
                }
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The pause before attempt <paramref name="failures"/> + 1: doubling, capped.</summary>
    internal static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(failures, 16)));

    /// <summary>Waits on the connection until it fails or the listener stops; notifications arrive meanwhile.</summary>
    private static async Task WaitForNotificationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await connection.WaitAsync(PingInterval, cancellationToken).ConfigureAwait(false))
            {
                // Silence can mean a dead peer that never said so; a round trip with a timeout tells.
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
