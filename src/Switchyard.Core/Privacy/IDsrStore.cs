namespace Switchyard.Core.Privacy;

/// <summary>
/// Data subject requests, their status callbacks and their Braze deletions. Every change of a request is written with
/// the callbacks and deletions it causes in one transaction, so a crash never loses a callback or a deletion, and a
/// request is completed once.
/// </summary>
/// <remarks>
/// Each call is its own transaction and sees committed data only. Each call checks its
/// <see cref="CancellationToken"/> before it starts, and a call cancelled then throws
/// <see cref="OperationCanceledException"/> and changes nothing; a write that has started runs to its end, so when its
/// task completes the write is complete (all of it, or none of it when the task faults).
/// </remarks>
public interface IDsrStore
{
    /// <summary>Stores a new request with its first callbacks; false when the id is taken (nothing is written).</summary>
    Task<bool> InsertAsync(DsrRecord request, IReadOnlyList<string> callbackBodies, CancellationToken cancellationToken);

    /// <summary>The request with this id, or null.</summary>
    Task<DsrRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Requests in id order after <paramref name="afterId"/>; of one group when <paramref name="groupId"/> is given.</summary>
    Task<IReadOnlyList<DsrRecord>> ListAsync(string? groupId, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Requests that are pending or in progress, oldest first.</summary>
    Task<IReadOnlyList<DsrRecord>> ActiveAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the request's state when it still has <paramref name="expectedStage"/> and is not cancelled, with the
    /// callbacks, deletions and result given, in one transaction; false when it had moved on (nothing is written).
    /// </summary>
    Task<bool> AdvanceAsync(
        string expectedStage,
        DsrRecord updated,
        IReadOnlyList<string> callbackBodies,
        IReadOnlyList<DsrDeletion> deletions,
        string? result,
        CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a pending request with its callbacks; false when it is not pending (nothing is written).
    /// <paramref name="callbackBody"/> forms the callback body from the cancelled request inside the write's
    /// transaction, so it must only format: it must not call the store. It is not called when the request has no
    /// callback URLs.
    /// </summary>
    Task<bool> CancelAsync(string id, DateTimeOffset now, Func<DsrRecord, string> callbackBody, CancellationToken cancellationToken);

    /// <summary>The stored result of an access or portability request (JSON), or null.</summary>
    Task<string?> ResultAsync(string id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> callbacks due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<DsrCallback>> DueCallbacksAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Settles a callback: sent (removed), retried at <paramref name="retryAt"/>, or given up (removed).</summary>
    Task SettleCallbackAsync(long id, DateTimeOffset? retryAt, string? error, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> queued deletions due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<DsrDeletion>> DueDeletionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Every deletion of one request, in any state, in the order they were queued.</summary>
    Task<IReadOnlyList<DsrDeletion>> DeletionsOfAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a deletion's outcome: <c>sent</c> (its ids are cleared), <c>queued</c> again at <paramref name="retryAt"/>,
    /// or <c>dead</c> (ids kept so the deletion can be looked into and repeated).
    /// </summary>
    Task SettleDeletionAsync(long id, string state, DateTimeOffset? retryAt, string? error, CancellationToken cancellationToken);
}
