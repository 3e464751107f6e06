using Switchyard.Core.Storage;

namespace Switchyard.Core.Delivery;

/// <summary>
/// Durable delivery state per output: the outbox (queued items with their retry state), dead letters, the last-sent
/// ledger and the delivered event ids. Items enter through <see cref="Profiles.IProfileSession.Enqueue"/>; everything
/// else is called by the delivery engine of each output.
/// </summary>
/// <remarks>
/// Each call is its own transaction, separate from the processor's session, and its outcome is defined whatever else
/// runs: reads (<see cref="ClaimDueAsync"/>, <see cref="LastSentAsync(string, long, CancellationToken)"/>,
/// <see cref="WasDeliveredAsync"/>, listings and counts) see committed data only, never a session's uncommitted work.
/// Writes are serialised with the sessions and with each other: once a write's task completes, the write is complete
/// (all of it or, when it throws, none of it) and durable, and it neither loses nor is lost by what a session open at
/// the same time commits. A write may complete only after such a session has finished, so a caller must not await a
/// write while it holds a session open itself; delivery writes are a few statements each, so the processor is not held
/// up by them. Each call checks its <see cref="CancellationToken"/> before it starts; a call cancelled before it
/// starts changes nothing.
/// <para>
/// Delivery is at-least-once. After the output acknowledged a request, record first (<see cref="RecordSentAsync"/>,
/// <see cref="RecordDeliveredAsync"/>, <see cref="RecordLedgersAsync"/>) and acknowledge the items last: a crash in
/// between sends the items again, and the ledgers then keep the repeat from changing anything at the output.
/// </para>
/// </remarks>
public interface IDeliveryStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> items of the output that are due (<c>NextAttemptAtMs &lt;= nowMs</c>), oldest
    /// (lowest id) first. Order per user holds: an item is not returned while an older item of the same user and
    /// output is still waiting for its retry, so a user's later change never overtakes an earlier one. Claiming does
    /// not lock or change anything; an item stays queued until it is acknowledged, rescheduled or dead-lettered
    /// (one engine delivers each output). A user's items in one claim come in id order; when an earlier one fails and
    /// is rescheduled, the caller should not deliver that user's later items of the same claim either, or they overtake it.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string outputId, long nowMs, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ClaimDueAsync(string, long, int, CancellationToken)"/> limited to the items of users in
    /// <paramref name="partitions"/> (<see cref="Partitions.UserPartitions.OfMpid"/>): what one node delivers when several
    /// share the store, each for the partitions it holds. A user's items all share one partition, so order per user holds
    /// as it does for a claim of every partition.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string outputId, long nowMs, int limit, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken);

    /// <summary>Removes delivered items. Unknown ids are ignored, so acknowledging twice is harmless.</summary>
    Task AcknowledgeAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt: attempts + 1, the error kept, not due before <paramref name="nextAttemptAtMs"/>.</summary>
    /// <exception cref="InvalidOperationException">No queued item has this id.</exception>
    Task RescheduleAsync(long itemId, long nextAttemptAtMs, string error, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the item from the outbox to the dead letters with its attempts and the reason, and with a copy of
    /// <paramref name="batch"/>, the inbox batch it delivers (null when it delivers none or the inbox lost it): a dead
    /// letter must stay replayable after the inbox has pruned its batch. An item that already carries its own batch
    /// (<see cref="OutboxItem.Batch"/>) keeps that one.
    /// </summary>
    /// <exception cref="InvalidOperationException">No queued item has this id.</exception>
    Task DeadLetterAsync(long itemId, string reason, long nowMs, StoredBatch? batch, CancellationToken cancellationToken);

    /// <summary>Dead letters of one output (or of all when null) with an id greater than <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? outputId, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a dead letter back to the outbox as a fresh item (no attempts, due at <paramref name="nowMs"/>), with the
    /// batch copy it kept as <see cref="OutboxItem.Batch"/>. It gets a new id, so it queues after every item of that
    /// user already in the outbox. False when no such dead letter exists.
    /// </summary>
    Task<bool> ReplayAsync(long deadLetterId, long nowMs, CancellationToken cancellationToken);

    /// <summary>
    /// The lowest inbox sequence still needed: the first one the processor has not passed (checkpoint + 1), or lower
    /// when a queued item of any output refers to an earlier batch without carrying its own copy. Read in one snapshot,
    /// so items the processor commits meanwhile are either counted or above the checkpoint read. Batches below it may
    /// be pruned from the inbox (<see cref="Storage.IInboxStore.PruneBeforeAsync"/>).
    /// </summary>
    Task<long> LowestInboxSequenceNeededAsync(CancellationToken cancellationToken);

    /// <summary>Items of the output in the outbox, due or not.</summary>
    Task<long> CountQueuedAsync(string outputId, CancellationToken cancellationToken);

    /// <summary>When the oldest item waiting at the output was queued (Unix ms), or null when none waits.</summary>
    Task<long?> OldestQueuedAtMsAsync(string outputId, CancellationToken cancellationToken);

    /// <summary>
    /// The last-sent ledger of one user at one output: field → fingerprint of the value the output last had
    /// acknowledged. Empty when nothing was sent. The deliverer sends only fields whose fingerprint differs.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> LastSentAsync(string outputId, long mpid, CancellationToken cancellationToken);

    /// <summary>
    /// Updates the ledger after the output (Braze) acknowledged the request, never before: a field recorded but not
    /// received would never be sent again. A null value removes the field (it was unset at the output). Keeps no
    /// acknowledgement time, so the fields count as stale (<see cref="AgedLedger"/>); the engine records through
    /// <see cref="RecordLedgersAsync"/>.
    /// </summary>
    Task RecordSentAsync(string outputId, long mpid, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken);

    /// <summary>Whether the output already delivered the event with this identity (so a replay does not send it twice).</summary>
    Task<bool> WasDeliveredAsync(string outputId, string eventId, CancellationToken cancellationToken);

    /// <summary>Records delivered event ids, after the output acknowledged them.</summary>
    Task RecordDeliveredAsync(string outputId, IReadOnlyCollection<string> eventIds, long nowMs, CancellationToken cancellationToken);

    /// <summary>
    /// The last-sent ledgers of several users at one output, in one read: an entry per requested user, empty when
    /// nothing was sent to that user. Same content as <see cref="LastSentAsync(string, long, CancellationToken)"/> per user.
    /// </summary>
    Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, string>>> LastSentAsync(string outputId, IReadOnlyCollection<long> mpids, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="LastSentAsync(string, IReadOnlyCollection{long}, CancellationToken)"/> with each field's age judged: a field whose last
    /// acknowledgement is before <paramref name="freshSinceMs"/>, or that has no acknowledgement time (recorded before
    /// times were kept), is in <see cref="AgedLedger.Stale"/>. An entry per requested user.
    /// </summary>
    Task<IReadOnlyDictionary<long, AgedLedger>> LastSentAsync(string outputId, IReadOnlyCollection<long> mpids, long freshSinceMs, CancellationToken cancellationToken);

    /// <summary>
    /// Marks ledger fields of one user stale (as if acknowledged too long ago), keeping their values: a reconcile found
    /// that Braze no longer has them, so the user's next item sends them again. Unknown fields are ignored.
    /// </summary>
    Task ExpireLedgerFieldsAsync(string outputId, long mpid, IReadOnlyCollection<string> fields, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="eventIds"/>, those the output already delivered, in one read (<see cref="WasDeliveredAsync"/> per id).</summary>
    Task<IReadOnlySet<string>> DeliveredAmongAsync(string outputId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="RecordSentAsync"/> for each user in <paramref name="sent"/> and <see cref="RecordDeliveredAsync"/> for
    /// <paramref name="eventIds"/>, all in one transaction, each field acknowledged at <paramref name="nowMs"/> (its
    /// age for <see cref="LastSentAsync(string, IReadOnlyCollection{long}, long, CancellationToken)"/> counts from then): the delivery engine records what each request delivered
    /// with one write right after the output's answer, so a crash re-sends at most the request in flight. The same rule
    /// holds: only after the output acknowledged them, and before the items are acknowledged.
    /// </summary>
    Task RecordLedgersAsync(string outputId, IReadOnlyDictionary<long, IReadOnlyDictionary<string, string?>> sent, IReadOnlyCollection<string> eventIds, long nowMs, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets event ids recorded before <paramref name="beforeMs"/>, at the store's granularity: an id recorded (last)
    /// at or after the cutoff is never forgotten, while one recorded before it is forgotten row by row (SQLite) or with
    /// the whole time partition it was recorded in once all of that partition lies before the cutoff (PostgreSQL), so it
    /// may outlive the cutoff by up to one partition's span. Returns how many recorded rows were forgotten.
    /// </summary>
    Task<int> PruneDeliveredBeforeAsync(long beforeMs, CancellationToken cancellationToken);
}
