using Microsoft.Extensions.Logging;

namespace Switchyard.Core;

/// <summary>
/// Log messages of Core, with stable event ids. The delivery engine's keep the numbers they had when the engine lived in
/// the Braze output (2001–2009), and audience sync's those it had in the host (1301–1304); new engine and output
/// messages take 2101–2149. One line per change of an output's state, never one per request; never a secret or a payload.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1301, LogLevel.Error, "Audience sync failed; nothing of the failed step was committed, retrying in 2 s")]
    public static partial void AudienceSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(1302, LogLevel.Information, "Audience {Kind} job of output {OutputId}, audience {AudienceId} finished: {Users} users queued")]
    public static partial void AudienceJobFinished(ILogger logger, Delivery.AudienceJobKind kind, string outputId, int audienceId, long users);

    [LoggerMessage(1303, LogLevel.Debug, "Forgot {Count} membership-log entries past their retention")]
    public static partial void MembershipLogPruned(ILogger logger, int count);

    [LoggerMessage(1304, LogLevel.Warning, "Forgetting old membership-log entries failed; will retry")]
    public static partial void MembershipLogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(2001, LogLevel.Warning, "Output {OutputId}: requests failing since {Since:o}: {Reason}; items are retried with backoff")]
    public static partial void DestinationFailing(ILogger logger, string outputId, DateTimeOffset since, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "Output {OutputId}: requests succeed again after {Duration} of failures")]
    public static partial void DestinationRecovered(ILogger logger, string outputId, TimeSpan duration);

    [LoggerMessage(2003, LogLevel.Warning, "Output {OutputId}: rate limited by the destination (429); requests with its key are paused until {Until:o}")]
    public static partial void RateLimited(ILogger logger, string outputId, DateTimeOffset until);

    [LoggerMessage(2004, LogLevel.Warning, "Output {OutputId}: item {ItemId} of user {Mpid} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string outputId, long itemId, long mpid, string reason);

    [LoggerMessage(2005, LogLevel.Warning, "Output {OutputId}: {Count} more items dead-lettered since {Since:o} (not logged one by one; see /admin/dead-letters)")]
    public static partial void DeadLettersSummarised(ILogger logger, string outputId, long count, DateTimeOffset since);

    [LoggerMessage(2006, LogLevel.Error, "Output {OutputId}: delivery paused since {Since:o}, the store failed: {Reason}; what the destination acknowledged is kept in memory and recorded before anything else is sent; next try in {Wait}")]
    public static partial void StoreFailing(ILogger logger, string outputId, DateTimeOffset since, string reason, TimeSpan wait, Exception exception);

    [LoggerMessage(2007, LogLevel.Debug, "Output {OutputId}: the store still fails ({Attempts} tries): {Reason}; next try in {Wait}")]
    public static partial void StoreStillFailing(ILogger logger, string outputId, int attempts, string reason, TimeSpan wait);

    [LoggerMessage(2008, LogLevel.Warning, "Output {OutputId}: delivery resumed after {Duration}; the store records again")]
    public static partial void StoreRecovered(ILogger logger, string outputId, TimeSpan duration);

    [LoggerMessage(2009, LogLevel.Debug, "Output {OutputId}: item {ItemId} left the outbox while its pass settled: {Reason}")]
    public static partial void ItemGone(ILogger logger, string outputId, long itemId, string reason);

    [LoggerMessage(2014, LogLevel.Trace, "Output {OutputId}: {Items} claimed items delivered in {Groups} request groups side by side")]
    public static partial void RequestGroupsStarted(ILogger logger, string outputId, int items, int groups);

    [LoggerMessage(2101, LogLevel.Warning, "Rate budget of key {Key}: the store failed since {Since:o}; requests with this key wait for it (next try in {Wait})")]
    public static partial void RateBudgetFailing(ILogger logger, string key, DateTimeOffset since, TimeSpan wait, Exception exception);

    [LoggerMessage(2102, LogLevel.Debug, "Rate budget of key {Key}: the store still fails ({Attempts} tries); next try in {Wait}")]
    public static partial void RateBudgetStillFailing(ILogger logger, string key, int attempts, TimeSpan wait);

    [LoggerMessage(2103, LogLevel.Warning, "Rate budget of key {Key}: the store answers again after {Duration}; requests with this key go on")]
    public static partial void RateBudgetRecovered(ILogger logger, string key, TimeSpan duration);

    [LoggerMessage(2104, LogLevel.Warning, "Rate budget of key {Key}: the pause until {Until:o} could not be recorded for the other nodes; this node keeps it")]
    public static partial void RateBudgetPauseNotShared(ILogger logger, string key, DateTimeOffset until, Exception exception);
}
