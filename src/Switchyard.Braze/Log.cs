using Microsoft.Extensions.Logging;

namespace Switchyard.Braze;

/// <summary>All log messages of the Braze output. Never pass a REST key or a payload.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Error, "Output {OutputId}: outbox item {ItemId} (user {Mpid}) could not be mapped and was dead-lettered; the rest of the pass goes on")]
    public static partial void MappingFailed(ILogger logger, string outputId, long itemId, long mpid, Exception exception);

    [LoggerMessage(2002, LogLevel.Error, "Output {OutputId}: the audience attributes of user {Mpid} could not be planned; its {Items} items were dead-lettered and the rest of the pass goes on")]
    public static partial void AudiencePlanFailed(ILogger logger, string outputId, long mpid, int items, Exception exception);
}
