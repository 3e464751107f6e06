using Microsoft.Extensions.Logging;

namespace Switchyard;

/// <summary>The host's messages about its storage and readiness (15xx).</summary>
internal static partial class Log
{
    [LoggerMessage(1501, LogLevel.Information, "Storage: {Storage} (chosen by {Source})")]
    public static partial void StorageOpened(ILogger logger, string storage, string source);

    [LoggerMessage(1502, LogLevel.Warning, "Readiness: the storage does not answer ({Problem}); /health/ready answers 503 until it does")]
    public static partial void StorageUnreachable(ILogger logger, string problem);

    [LoggerMessage(1503, LogLevel.Information, "Readiness: the storage answers again; /health/ready answers 200")]
    public static partial void StorageReachable(ILogger logger);
}
