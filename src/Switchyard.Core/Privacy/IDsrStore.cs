namespace Switchyard.Core.Privacy;

/// <summary>
/// Data subject requests, their status callbacks and their Braze deletions. Every change of a request is written with
/// the callbacks and deletions it causes in one transaction, so a crash never loses a callback or a deletion, and a
/// request is completed once.
/// </summary>
public interface IDsrStore
{
    /// <summary>Stores a new request with its first callbacks; false when the id is taken (nothing is written).</summary>
    bool Insert(DsrRecord request, IReadOnlyList<string> callbackBodies);

    DsrRecord? Find(string id);

    /// <summary>Requests in id order after <paramref name="afterId"/>; of one group when <paramref name="groupId"/> is given.</summary>
    IReadOnlyList<DsrRecord> List(string? groupId, string? afterId, int limit);

    /// <summary>Requests that are pending or in progress, oldest first.</summary>
    IReadOnlyList<DsrRecord> Active(int limit);

    /// <summary>
    /// Replaces the request's state when it still has <paramref name="expectedStage"/> and is not cancelled, with the
    /// callbacks, deletions and result given, in one transaction; false when it had moved on (nothing is written).
    /// </summary>
    bool Advance(string expectedStage, DsrRecord updated, IReadOnlyList<string> callbackBodies, IReadOnlyList<DsrDeletion> deletions, string? result);

    /// <summary>Cancels a pending request with its callbacks; false when it is not pending (nothing is written).</summary>
    bool Cancel(string id, DateTimeOffset now, Func<DsrRecord, string> callbackBody);

    /// <summary>The stored result of an access or portability request (JSON), or null.</summary>
    string? Result(string id);

    IReadOnlyList<DsrCallback> DueCallbacks(DateTimeOffset now, int limit);

    /// <summary>Settles a callback: sent (removed), retried at <paramref name="retryAt"/>, or given up (removed).</summary>
    void SettleCallback(long id, DateTimeOffset? retryAt, string? error);

    IReadOnlyList<DsrDeletion> DueDeletions(DateTimeOffset now, int limit);

    IReadOnlyList<DsrDeletion> DeletionsOf(string requestId);

    /// <summary>
    /// Records a deletion's outcome: <c>sent</c> (its ids are cleared), <c>queued</c> again at <paramref name="retryAt"/>,
    /// or <c>dead</c> (ids kept so the deletion can be looked into and repeated).
    /// </summary>
    void SettleDeletion(long id, string state, DateTimeOffset? retryAt, string? error);
}
