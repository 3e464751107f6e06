namespace Switchyard.Core.Delivery;

/// <summary>
/// Durable state of audience sync, kept with the outbox so that queuing items and moving a cursor commit together:
/// the audience connections, each audience output's position in the membership log, and the resumable jobs (initial
/// sync, clean-up). Each call is its own short transaction, like <see cref="IDeliveryStore"/>'s writes.
/// </summary>
public interface IAudienceSyncStore
{
    /// <summary>Every audience connection, by output then audience id.</summary>
    IReadOnlyList<AudienceConnection> AudienceConnections();

    AudienceConnection? FindAudienceConnection(string outputId, int audienceId);

    /// <summary>Creates the connection or changes its active flag; returns it as stored.</summary>
    AudienceConnection SaveAudienceConnection(string outputId, int audienceId, bool active, long nowMs);

    /// <summary>Deletes the connection and cancels its running job. False when there was none.</summary>
    bool DeleteAudienceConnection(string outputId, int audienceId, long nowMs);

    /// <summary>The id of the last membership-log entry the output has taken into account; null before its first.</summary>
    long? MembershipTail(string outputId);

    /// <summary>Queues <paramref name="entries"/> and moves the output's membership-log position, in one transaction.</summary>
    void AdvanceMembershipTail(string outputId, long position, IReadOnlyList<OutboxEntry> entries);

    /// <summary>Starts a job for the connection, cancelling its running one (a connection has at most one running job).</summary>
    AudienceJob StartAudienceJob(string outputId, int audienceId, AudienceJobKind kind, long total, long nowMs);

    AudienceJob? FindAudienceJob(long jobId);

    /// <summary>Cancels the job if it is still running; false otherwise.</summary>
    bool CancelAudienceJob(long jobId, long nowMs);

    /// <summary>Jobs, newest first, optionally of one output or connection, optionally only running ones.</summary>
    IReadOnlyList<AudienceJob> AudienceJobs(string? outputId, int? audienceId, bool runningOnly, int limit);

    /// <summary>
    /// Queues <paramref name="entries"/> and moves the job (phase, cursor, processed + <paramref name="processedDelta"/>,
    /// Done when <paramref name="finished"/>), in one transaction. Does nothing and returns false when the job is no
    /// longer running (cancelled in between), so a cancelled job never queues anything.
    /// </summary>
    bool AdvanceAudienceJob(long jobId, int phase, long cursorMpid, long processedDelta, IReadOnlyList<OutboxEntry> entries, bool finished, long nowMs);

    /// <summary>
    /// Users the output holds last-sent fields for (its ledger), in MPID order after <paramref name="afterMpid"/> (null:
    /// from the first): all of them, or with <paramref name="match"/> only those with a matching field, and with
    /// <paramref name="notMemberOf"/> only those who are not members of that audience now.
    /// </summary>
    IReadOnlyList<long> LedgerUsers(string outputId, LedgerMatch? match, int? notMemberOf, long? afterMpid, int limit);

    /// <summary>How many users <see cref="LedgerUsers"/> would walk.</summary>
    long CountLedgerUsers(string outputId, LedgerMatch? match, int? notMemberOf);

    /// <summary>
    /// Whether the output has a due item (not waiting for a retry) created at or before <paramref name="createdAtMs"/>:
    /// one a delivery pass in flight may have planned with the connections as they were then.
    /// </summary>
    bool HasDueItemsCreatedBy(string outputId, long createdAtMs, long nowMs);

    /// <summary>The id of the newest membership-log entry (0 when the log is empty).</summary>
    long LatestMembershipChangeId();

    /// <summary>
    /// Forgets membership-log entries recorded before <paramref name="beforeMs"/> whose id is at most
    /// <paramref name="upToId"/> (the position every consumer has passed); returns how many. Ids are never reused.
    /// </summary>
    int PruneMembershipChanges(long beforeMs, long upToId);
}
