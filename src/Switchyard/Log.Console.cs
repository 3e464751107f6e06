using Microsoft.Extensions.Logging;

namespace Switchyard;

/// <summary>The console's log messages (event ids 1801–1849).</summary>
internal static partial class Log
{
    [LoggerMessage(1801, LogLevel.Information, "Console: signed in from {Remote}")]
    public static partial void ConsoleSignedIn(ILogger logger, string remote);

    [LoggerMessage(1802, LogLevel.Information, "Console: signed out")]
    public static partial void ConsoleSignedOut(ILogger logger);

    [LoggerMessage(1803, LogLevel.Warning, "Console: a sample of the metrics or audience sizes failed; the next one is taken as usual")]
    public static partial void ConsoleSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(1804, LogLevel.Warning, "Console: replaying dead letter {Id} from the console found no such dead letter")]
    public static partial void ConsoleReplayMissing(ILogger logger, long id);
}
