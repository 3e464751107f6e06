using Microsoft.Extensions.Logging;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// The PostgreSQL provider's messages, with stable event ids. Cross-node wake-ups take 1611–1619 (the host's own
/// wake-up messages are 1601–1609). One line per change of state, never one per append or per notification.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1611, LogLevel.Warning, "Telling other nodes about new inbox batches failed; they find them at their next poll. Until it succeeds again, further failures are logged at Debug")]
    public static partial void NotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(1612, LogLevel.Debug, "Telling other nodes about new inbox batches failed again")]
    public static partial void NotifyFailedAgain(ILogger logger, Exception exception);

    [LoggerMessage(1613, LogLevel.Information, "Telling other nodes about new inbox batches works again")]
    public static partial void NotifyRecovered(ILogger logger);

    [LoggerMessage(1614, LogLevel.Information, "Listening for other nodes' inbox batches (PostgreSQL channel {Channel})")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(1615, LogLevel.Warning, "The connection that listens for other nodes' inbox batches failed; reconnecting in {Delay} (processing polls the inbox meanwhile; further failures are logged at Debug): {Problem}")]
    public static partial void ListenerLost(ILogger logger, TimeSpan delay, string problem);

    [LoggerMessage(1616, LogLevel.Information, "Listening again for other nodes' inbox batches after {Attempts} failed attempt(s)")]
    public static partial void ListenerRestored(ILogger logger, int attempts);

    [LoggerMessage(1617, LogLevel.Debug, "Listening for other nodes' inbox batches failed again; next attempt in {Delay}: {Problem}")]
    public static partial void ListenerStillLost(ILogger logger, TimeSpan delay, string problem);
}
