using Switchyard.Core.Storage;

namespace Switchyard.Core.Delivery;

/// <summary>
/// Durable delivery state per output: the outbox (queued items with their retry state), dead letters, the last-sent
/// ledger and the delivered event ids. Items enter through <see cref="Profiles.IProfileSession.Enqueue"/>; everything
/// else is called by the one delivery worker of each output.
/// </summary>
/// <remarks>
/// Each call is its own short transaction, separate from the processor's session. Reads (<see cref="ClaimDue"/>,
/// <see cref="LastSent"/>, <see cref="WasDelivered"/>, listings and counts) see committed data only and never wait for
/// the session. Writes may wait while a session holds the store's single writer lock (SQLite allows one writer), and
/// complete once it commits or is disposed; so a thread must not call a writing method while it holds a session
/// open itself (it would wait for itself until the busy timeout, 30 s on SQLite, and then fail), and delivery
/// transactions stay short so the processor is not held up either.
/// <para>
/// Delivery is at-least-once. After the output acknowledged a request, record first (<see cref="RecordSent"/>,
/// <see cref="RecordDelivered"/>) and acknowledge the items last: a crash in between sends the items again, and the
/// ledgers then keep the repeat from changing anything at the output.
/// </para>
/// </remarks>
public interface IDeliveryStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> items of the output that are due (<c>NextAttemptAtMs &lt;= nowMs</c>), oldest
    /// (lowest id) first. Order per user holds: an item is not returned while an older item of the same user and
    /// output is still waiting for its retry, so a user's later change never overtakes an earlier one. Claiming does
    /// not lock or change anything; an item stays queued until it is acknowledged, rescheduled or dead-lettered
    /// (there is one worker per output). A user's items in one claim come in id order; when an earlier one fails and
    /// is rescheduled, the caller should not deliver that user's later items of the same claim either, or they overtake it.
    /// </summary>
    IReadOnlyList<OutboxItem> ClaimDue(string outputId, long nowMs, int limit);

    /// <summary>Removes delivered items. Unknown ids are ignored, so acknowledging twice is harmless.</summary>
    void Acknowledge(IReadOnlyCollection<long> itemIds);

    /// <summary>Counts a failed attempt: attempts + 1, the error kept, not due before <paramref name="nextAttemptAtMs"/>.</summary>
    /// <exception cref="InvalidOperationException">No queued item has this id.</exception>
    void Reschedule(long itemId, long nextAttemptAtMs, string error);

    /// <summary>
    /// Moves the item from the outbox to the dead letters with its attempts and the reason, and with a copy of
    /// <paramref name="batch"/>, the inbox batch it delivers (null when it delivers none or the inbox lost it): a dead
    /// letter must stay replayable after the inbox has pruned its batch. An item that already carries its own batch
    /// (<see cref="OutboxItem.Batch"/>) keeps that one.
    /// </summary>
    /// <exception cref="InvalidOperationException">No queued item has this id.</exception>
    void DeadLetter(long itemId, string reason, long nowMs, StoredBatch? batch = null);

    /// <summary>Dead letters of one output (or of all when null) with an id greater than <paramref name="afterId"/>, in id order.</summary>
    IReadOnlyList<DeadLetter> DeadLetters(string? outputId, long afterId, int limit);

    /// <summary>
    /// Moves a dead letter back to the outbox as a fresh item (no attempts, due at <paramref name="nowMs"/>), with the
    /// batch copy it kept as <see cref="OutboxItem.Batch"/>. It gets a new id, so it queues after every item of that
    /// user already in the outbox. False when no such dead letter exists.
    /// </summary>
    bool Replay(long deadLetterId, long nowMs);

    /// <summary>
    /// The lowest inbox sequence still needed: the first one the processor has not passed (checkpoint + 1), or lower
    /// when a queued item of any output refers to an earlier batch without carrying its own copy. Read in one snapshot,
    /// so items the processor commits meanwhile are either counted or above the checkpoint read. Batches below it may
    /// be pruned from the inbox (<see cref="Storage.IInboxStore.PruneBeforeAsync"/>).
    /// </summary>
    long LowestInboxSequenceNeeded();

    /// <summary>Items of the output in the outbox, due or not.</summary>
    long CountQueued(string outputId);

    /// <summary>
    /// The last-sent ledger of one user at one output: field → fingerprint of the value the output last had
    /// acknowledged. Empty when nothing was sent. The deliverer sends only fields whose fingerprint differs.
    /// </summary>
    IReadOnlyDictionary<string, string> LastSent(string outputId, long mpid);

    /// <summary>
    /// Updates the ledger after the output (Braze) acknowledged the request, never before: a field recorded but not
    /// received would never be sent again. A null value removes the field (it was unset at the output).
    /// </summary>
    void RecordSent(string outputId, long mpid, IReadOnlyDictionary<string, string?> fields);

    /// <summary>Whether the output already delivered the event with this identity (so a replay does not send it twice).</summary>
    bool WasDelivered(string outputId, string eventId);

    /// <summary>Records delivered event ids, after the output acknowledged them.</summary>
    void RecordDelivered(string outputId, IReadOnlyCollection<string> eventIds, long nowMs);

    /// <summary>
    /// The last-sent ledgers of several users at one output, in one read: an entry per requested user, empty when
    /// nothing was sent to that user. Same content as <see cref="LastSent(string, long)"/> per user.
    /// </summary>
    IReadOnlyDictionary<long, IReadOnlyDictionary<string, string>> LastSent(string outputId, IReadOnlyCollection<long> mpids);

    /// <summary>Of <paramref name="eventIds"/>, those the output already delivered, in one read (<see cref="WasDelivered"/> per id).</summary>
    IReadOnlySet<string> DeliveredAmong(string outputId, IReadOnlyCollection<string> eventIds);

    /// <summary>
    /// <see cref="RecordSent"/> for each user in <paramref name="sent"/> and <see cref="RecordDelivered"/> for
    /// <paramref name="eventIds"/>, all in one transaction: the delivery engine records what each request delivered
    /// with one write right after the output's answer, so a crash re-sends at most the request in flight. The same rule
    /// holds: only after the output acknowledged them, and before the items are acknowledged.
    /// </summary>
    void RecordLedgers(string outputId, IReadOnlyDictionary<long, IReadOnlyDictionary<string, string?>> sent, IReadOnlyCollection<string> eventIds, long nowMs);

    /// <summary>Forgets event ids recorded before <paramref name="beforeMs"/>; returns how many.</summary>
    int PruneDeliveredBefore(long beforeMs);
}
