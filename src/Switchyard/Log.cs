using Microsoft.Extensions.Logging;

namespace Switchyard;

/// <summary>Every log message of the host, with stable event ids. Never logs secrets or payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Input feed {FeedId}: accepted {Stored} batches ({Duplicates} duplicates not stored again)")]
    public static partial void BatchesAccepted(ILogger logger, string feedId, int stored, int duplicates);

    [LoggerMessage(1002, LogLevel.Debug, "Input feed {FeedId}: request rejected with {Status} {Code}")]
    public static partial void BatchRejected(ILogger logger, string feedId, int status, string code);

    [LoggerMessage(1016, LogLevel.Debug, "Input feed {FeedId}: {Refused} batches of a bulk request refused (first {Code}), the others accepted")]
    public static partial void BatchesRefusedInAcceptedRequest(ILogger logger, string feedId, int refused, string code);

    [LoggerMessage(1014, LogLevel.Warning, "Credentials refused ({Status}) on {Target}; further refusals this minute are summarised")]
    public static partial void AuthRefused(ILogger logger, string target, int status);

    [LoggerMessage(1015, LogLevel.Warning, "Credentials refused on {Target}: {Count} requests in the last {Window} ({Unauthorized} × 401, {Forbidden} × 403)")]
    public static partial void AuthRefusalsSummarised(ILogger logger, string target, long count, TimeSpan window, long unauthorized, long forbidden);

    [LoggerMessage(1003, LogLevel.Error, "Input feed {FeedId}: the inbox could not store a request; answered 503")]
    public static partial void InboxAppendFailed(ILogger logger, string feedId, Exception exception);

    [LoggerMessage(1004, LogLevel.Error, "Unhandled error on {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(1009, LogLevel.Debug, "{Method} {Path}: the client went away before the answer")]
    public static partial void ClientLeft(ILogger logger, string method, string path);

    [LoggerMessage(1010, LogLevel.Debug, "{Method} {Path}: refused with {Status}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(1005, LogLevel.Information, "Switchyard listening on {Address}; data in {DataDirectory}")]
    public static partial void Listening(ILogger logger, string address, string dataDirectory);

    [LoggerMessage(1017, LogLevel.Information, "Switchyard listening on {Address} (HTTPS; certificate SHA-256 {Fingerprint}, from {Source})")]
    public static partial void ListeningHttps(ILogger logger, string address, string fingerprint, string source);

    [LoggerMessage(1006, LogLevel.Debug, "Dropped {Count} expired source_request_id keys")]
    public static partial void DedupeKeysPruned(ILogger logger, int count);

    [LoggerMessage(1007, LogLevel.Warning, "Dropping expired source_request_id keys failed; will retry")]
    public static partial void DedupePruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(1101, LogLevel.Error, "Processing a chunk of the inbox failed; nothing of it was committed, retrying")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception);

    [LoggerMessage(1102, LogLevel.Warning, "Inbox batch {Sequence} could not be read and was skipped: {Reason}")]
    public static partial void UnreadableBatch(ILogger logger, long sequence, string reason);

    [LoggerMessage(1103, LogLevel.Warning, "Stored audience {AudienceId} is not valid and is left out: {Reason}")]
    public static partial void InvalidStoredAudience(ILogger logger, int audienceId, string reason);

    [LoggerMessage(1104, LogLevel.Error, "Inbox batch {Sequence} could not be processed and was passed over; it stays in the inbox")]
    public static partial void BatchPassedOver(ILogger logger, long sequence, Exception exception);

    [LoggerMessage(1106, LogLevel.Warning, "A chunk's commit was refused because another node took over partition(s) {Partitions}; nothing of it was written, and the new owner processes those batches")]
    public static partial void CommitFenced(ILogger logger, string partitions);

    [LoggerMessage(1601, LogLevel.Information, "Node {Node} shares its store with other nodes and works on the partitions it holds a lease on")]
    public static partial void OwnershipStarted(ILogger logger, string node);

    [LoggerMessage(1602, LogLevel.Information, "Node {Node} stopped and handed over its {Count} partitions")]
    public static partial void PartitionsHandedOver(ILogger logger, string node, int count);

    [LoggerMessage(1603, LogLevel.Warning, "Node {Node} could not hand over its partitions as it stopped; other nodes take them once the leases run out")]
    public static partial void HandOverFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(1105, LogLevel.Debug, "Could not sample the processing backlog; the metrics keep the previous sample")]
    public static partial void BacklogSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(1201, LogLevel.Error, "A delivery pass of output {Output} failed; its items stay queued and are claimed again")]
    public static partial void DeliveryFailed(ILogger logger, string output, Exception exception);

    [LoggerMessage(1220, LogLevel.Debug, "Pruned {Count} inbox batches past their retention, below sequence {Below}")]
    public static partial void InboxPruned(ILogger logger, long count, long below);

    [LoggerMessage(1221, LogLevel.Warning, "Pruning the inbox failed; will retry")]
    public static partial void InboxPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(1202, LogLevel.Debug, "Forgot {Count} delivered event ids past their retention")]
    public static partial void DeliveredEventsPruned(ILogger logger, int count);

    [LoggerMessage(1203, LogLevel.Warning, "Forgetting old delivered event ids failed; will retry")]
    public static partial void DeliveredEventsPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(1011, LogLevel.Warning, "The data directory {DataDirectory} is open to other users (mode {Mode}); its files are private (0600), but consider chmod 700")]
    public static partial void DataDirectoryOpenToOthers(ILogger logger, string dataDirectory, string mode);

    [LoggerMessage(1012, LogLevel.Information, "{Banner}")]
    public static partial void StartupBanner(ILogger logger, string banner);

    [LoggerMessage(1013, LogLevel.Information, "Stopping: finishing queued writes")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(1901, LogLevel.Information, "Output {Output}: delivery loop started (created or changed through the admin API)")]
    public static partial void OutputLoopStarted(ILogger logger, string output);

    [LoggerMessage(1902, LogLevel.Information, "Output {Output}: delivery loop stopped (deleted or changed through the admin API); {Queued} items stay queued")]
    public static partial void OutputLoopStopped(ILogger logger, string output, long queued);

    [LoggerMessage(1903, LogLevel.Information, "Admin API: {Kind} {Id} {Change}")]
    public static partial void WorkspaceEntryChanged(ILogger logger, string kind, string id, string change);

    [LoggerMessage(1008, LogLevel.Warning, "Configuration: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(1701, LogLevel.Information, "Output {OutputId}: reconcile job {JobId} started ({Scope}, {Total} users)")]
    public static partial void ReconcileStarted(ILogger logger, string outputId, string jobId, string scope, long? total);

    [LoggerMessage(1702, LogLevel.Information, "Output {OutputId}: reconcile job {JobId} finished: {Checked} users checked, {Drifted} drifted, {Repaired} repairs queued, {Exports} export requests")]
    public static partial void ReconcileFinished(ILogger logger, string outputId, string jobId, long @checked, long drifted, long repaired, long exports);

    [LoggerMessage(1703, LogLevel.Error, "Output {OutputId}: reconcile job {JobId} failed: {Reason}; the repairs it queued so far stay queued")]
    public static partial void ReconcileFailed(ILogger logger, string outputId, string jobId, string reason, Exception exception);

    [LoggerMessage(1704, LogLevel.Warning, "Output {OutputId}: a reconcile sampling round failed; the schedule goes on")]
    public static partial void ReconcileSampleFailed(ILogger logger, string outputId, Exception exception);
}
