using Microsoft.Extensions.Logging;

namespace Switchyard.Braze;

/// <summary>
/// Every log message of the Braze output, with stable event ids (2xxx). One line per change of an output's state, never
/// one per request; never a REST key or a payload.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Output {OutputId}: Braze requests failing since {Since:o}: {Reason}; items are retried with backoff")]
    public static partial void BrazeFailing(ILogger logger, string outputId, DateTimeOffset since, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "Output {OutputId}: Braze requests succeed again after {Duration} of failures")]
    public static partial void BrazeRecovered(ILogger logger, string outputId, TimeSpan duration);

    [LoggerMessage(2003, LogLevel.Warning, "Output {OutputId}: rate limited by Braze (429); the REST key's requests are paused until {Until:o}")]
    public static partial void RateLimited(ILogger logger, string outputId, DateTimeOffset until);

    [LoggerMessage(2004, LogLevel.Warning, "Output {OutputId}: item {ItemId} of user {Mpid} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string outputId, long itemId, long mpid, string reason);

    [LoggerMessage(2005, LogLevel.Warning, "Output {OutputId}: {Count} more items dead-lettered since {Since:o} (not logged one by one; see /admin/dead-letters)")]
    public static partial void DeadLettersSummarised(ILogger logger, string outputId, long count, DateTimeOffset since);

    [LoggerMessage(2006, LogLevel.Error, "Output {OutputId}: delivery paused since {Since:o}, the store failed: {Reason}; what Braze acknowledged is kept in memory and recorded before anything else is sent; next try in {Wait}")]
    public static partial void StoreFailing(ILogger logger, string outputId, DateTimeOffset since, string reason, TimeSpan wait, Exception exception);

    [LoggerMessage(2007, LogLevel.Debug, "Output {OutputId}: the store still fails ({Attempts} tries): {Reason}; next try in {Wait}")]
    public static partial void StoreStillFailing(ILogger logger, string outputId, int attempts, string reason, TimeSpan wait);

    [LoggerMessage(2008, LogLevel.Warning, "Output {OutputId}: delivery resumed after {Duration}; the store records again")]
    public static partial void StoreRecovered(ILogger logger, string outputId, TimeSpan duration);

    [LoggerMessage(2009, LogLevel.Debug, "Output {OutputId}: item {ItemId} left the outbox while its pass settled: {Reason}")]
    public static partial void ItemGone(ILogger logger, string outputId, long itemId, string reason);

    [LoggerMessage(2010, LogLevel.Error, "Output {OutputId}: outbox item {ItemId} (user {Mpid}) could not be mapped and was dead-lettered; the rest of the pass goes on")]
    public static partial void MappingFailed(ILogger logger, string outputId, long itemId, long mpid, Exception exception);

    [LoggerMessage(2011, LogLevel.Error, "Output {OutputId}: the audience attributes of user {Mpid} could not be planned; its {Items} items were dead-lettered and the rest of the pass goes on")]
    public static partial void AudiencePlanFailed(ILogger logger, string outputId, long mpid, int items, Exception exception);

    [LoggerMessage(2012, LogLevel.Information, "Output {OutputId}: user {Mpid} drifted in Braze (user found: {Found}); {Fields} ledger fields expired and a repair queued: {FieldNames}")]
    public static partial void DriftFound(ILogger logger, string outputId, long mpid, bool found, int fields, string fieldNames);

    [LoggerMessage(2013, LogLevel.Warning, "Output {OutputId}: reading users from Braze failed ({Reason}), try {Attempt}; trying again after a pause")]
    public static partial void ExportRetried(ILogger logger, string outputId, string reason, int attempt);
}
