using Microsoft.Extensions.Logging;

namespace Switchyard;

/// <summary>The host's messages about cross-node wake-ups (1601–1609; the PostgreSQL provider's own are 1611–1619).</summary>
internal static partial class Log
{
    [LoggerMessage(1601, LogLevel.Information, "Cross-node wake-ups are off (storage.notifications): batches ingested by other nodes are found by polling the inbox every {Interval}")]
    public static partial void WakeupsOff(ILogger logger, TimeSpan interval);

    [LoggerMessage(1602, LogLevel.Error, "Listening for other nodes' batches stopped on a fault; processing finds them by polling from now on")]
    public static partial void WakeupsFailed(ILogger logger, Exception exception);
}
