using Microsoft.Extensions.Logging;

namespace Switchyard;

/// <summary>Log messages of data subject requests; never an identity or a payload, only request ids and counts.</summary>
internal static partial class Log
{
    [LoggerMessage(1401, LogLevel.Error, "A data subject request pass failed; it is retried on the next pass")]
    public static partial void DsrPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(1402, LogLevel.Information, "Data subject request {RequestId}: {Count} batches erased from the inbox")]
    public static partial void DsrInboxErased(ILogger logger, string requestId, int count);

    [LoggerMessage(1403, LogLevel.Warning, "Data subject request {RequestId}: the Braze deletion for output {OutputId} is dead: {Error}")]
    public static partial void DsrDeletionDead(ILogger logger, string requestId, string outputId, string error);

    [LoggerMessage(1404, LogLevel.Warning, "Data subject request {RequestId}: a status callback was given up: {Error}")]
    public static partial void DsrCallbackDropped(ILogger logger, string requestId, string error);
}
