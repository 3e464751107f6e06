namespace Switchyard.Core.Delivery;

/// <summary>
/// Durable state of audience sync, kept with the outbox so that queuing items and moving a cursor commit together:
/// the audience connections, each audience output's position in the membership log, and the resumable jobs (initial
/// sync, clean-up). Each call is its own short transaction, like <see cref="IDeliveryStore"/>'s writes.
/// </summary>
public interface IAudienceSyncStore
{
    /// <summary>Every audience connection, by output then audience id.</summary>
    Task<IReadOnlyList<AudienceConnection>> AudienceConnectionsAsync(CancellationToken cancellationToken);

    Task<AudienceConnection?> FindAudienceConnectionAsync(string outputId, int audienceId, CancellationToken cancellationToken);

    /// <summary>Creates the connection or changes its active flag; returns it as stored.</summary>
    Task<AudienceConnection> SaveAudienceConnectionAsync(string outputId, int audienceId, bool active, long nowMs, CancellationToken cancellationToken);

    /// <summary>Deletes the connection and cancels its running job. False when there was none.</summary>
    Task<bool> DeleteAudienceConnectionAsync(string outputId, int audienceId, long nowMs, CancellationToken cancellationToken);

    /// <summary>The id of the last membership-log entry the output has taken into account; null before its first.</summary>
    Task<long?> MembershipTailAsync(string outputId, CancellationToken cancellationToken);

    /// <summary>Queues <paramref name="entries"/> and moves the output's membership-log position, in one transaction.</summary>
    Task AdvanceMembershipTailAsync(string outputId, long position, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>Starts a job for the connection, cancelling its running one (a connection has at most one running job).</summary>
    Task<AudienceJob> StartAudienceJobAsync(string outputId, int audienceId, AudienceJobKind kind, long total, long nowMs, CancellationToken cancellationToken);

    Task<AudienceJob?> FindAudienceJobAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Cancels the job if it is still running; false otherwise.</summary>
    Task<bool> CancelAudienceJobAsync(long jobId, long nowMs, CancellationToken cancellationToken);

    /// <summary>Jobs, newest first, optionally of one output or connection, optionally only running ones.</summary>
    Task<IReadOnlyList<AudienceJob>> AudienceJobsAsync(string? outputId, int? audienceId, bool runningOnly, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Queues <paramref name="entries"/> and moves the job (phase, cursor, processed + <paramref name="processedDelta"/>,
    /// Done when <paramref name="finished"/>), in one transaction. Does nothing and returns false when the job is no
    /// longer running (cancelled in between), so a cancelled job never queues anything.
    /// </summary>
    Task<bool> AdvanceAudienceJobAsync(long jobId, int phase, long cursorMpid, long processedDelta, IReadOnlyList<OutboxEntry> entries, bool finished, long nowMs, CancellationToken cancellationToken);

    /// <summary>
    /// Users the output holds last-sent fields for (its ledger), in MPID order after <paramref name="afterMpid"/> (null:
    /// from the first): all of them, or with <paramref name="match"/> only those with a matching field, and with
    /// <paramref name="notMemberOf"/> only those who are not members of that audience now.
    /// </summary>
    Task<IReadOnlyList<long>> LedgerUsersAsync(string outputId, LedgerMatch? match, int? notMemberOf, long? afterMpid, int limit, CancellationToken cancellationToken);

    /// <summary>How many users <see cref="LedgerUsersAsync"/> would walk.</summary>
    Task<long> CountLedgerUsersAsync(string outputId, LedgerMatch? match, int? notMemberOf, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the output has a due item (not waiting for a retry) created at or before <paramref name="createdAtMs"/>:
    /// one a delivery pass in flight may have planned with the connections as they were then.
    /// </summary>
    Task<bool> HasDueItemsCreatedByAsync(string outputId, long createdAtMs, long nowMs, CancellationToken cancellationToken);

    /// <summary>The id of the newest membership-log entry (0 when the log is empty).</summary>
    Task<long> LatestMembershipChangeIdAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Forgets membership-log entries recorded before <paramref name="beforeMs"/> whose id is at most
    /// <paramref name="upToId"/> (the position every consumer has passed), at the store's granularity: an entry at or
    /// after the cutoff, or with an id above <paramref name="upToId"/>, is never forgotten; the others are forgotten one by
    /// one (SQLite) or a whole time partition at a time, once every entry in it qualifies (PostgreSQL), so they may
    /// outlive the cutoff by up to one partition's span. Returns how many entries were forgotten. Ids are never reused.
    /// </summary>
    Task<int> PruneMembershipChangesAsync(long beforeMs, long upToId, CancellationToken cancellationToken);
}
