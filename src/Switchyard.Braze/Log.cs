using Microsoft.Extensions.Logging;

namespace Switchyard.Braze;

/// <summary>
/// Every log message of the Braze output, with stable event ids (2010–2013; the delivery engine's 2001–2009 moved with it
/// to Core). One line per change of an output's state, never
/// one per request; never a REST key or a payload.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(2010, LogLevel.Error, "Output {OutputId}: outbox item {ItemId} (user {Mpid}) could not be mapped and was dead-lettered; the rest of the pass goes on")]
    public static partial void MappingFailed(ILogger logger, string outputId, long itemId, long mpid, Exception exception);

    [LoggerMessage(2011, LogLevel.Error, "Output {OutputId}: the audience attributes of user {Mpid} could not be planned; its {Items} items were dead-lettered and the rest of the pass goes on")]
    public static partial void AudiencePlanFailed(ILogger logger, string outputId, long mpid, int items, Exception exception);

    [LoggerMessage(2012, LogLevel.Information, "Output {OutputId}: user {Mpid} drifted in Braze (user found: {Found}); {Fields} ledger fields expired and a repair queued: {FieldNames}")]
    public static partial void DriftFound(ILogger logger, string outputId, long mpid, bool found, int fields, string fieldNames);

    [LoggerMessage(2013, LogLevel.Warning, "Output {OutputId}: reading users from Braze failed ({Reason}), try {Attempt}; trying again after a pause")]
    public static partial void ExportRetried(ILogger logger, string outputId, string reason, int attempt);
}
