using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// What one pass of a <see cref="DeliveryEngine"/> has done so far for one request group (a pass whose claim is split
/// has one per group), and the sender's way back into the engine: outcomes per item, items settled while planning,
/// requests answered, a store that failed.
/// </summary>
public sealed class DeliveryPass
{
    private readonly DeliveryEngine _engine;

    internal DeliveryPass(DeliveryEngine engine, DateTimeOffset now)
    {
        _engine = engine;
        Now = now;
    }

    /// <summary>When the pass began (the claim's "now").</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The output the pass delivers for.</summary>
    public string OutputId => _engine.OutputId;

    /// <summary>
    /// The pass's claim reached <see cref="DeliveryOptions.ClaimLimit"/>, so more items are most likely due right behind
    /// it. A sender that packs items into requests may then leave a trailing request that is not full for the next pass,
    /// where later items fill it (its items stay queued untouched and come first in the next claim).
    /// </summary>
    public bool MoreDue { get; internal set; }

    /// <summary>Users with an item that failed or stayed behind in this pass: their later items wait (per-user order).</summary>
    public HashSet<long> Blocked { get; } = [];

    /// <summary>
    /// Users with an item rescheduled or left queued in this pass: a later item of theirs that must be retried stays
    /// untouched behind it (not counted as an attempt); one behind a dead letter is rescheduled with backoff as usual.
    /// </summary>
    public HashSet<long> Waiting { get; } = [];

    /// <summary>Profiles read in this pass (null: not found), so a user with several items is read once.</summary>
    public Dictionary<long, Profile?> Profiles { get; } = [];

    /// <summary>
    /// The inbox batch of each planned item (by item id), so an item dead-lettered at any step keeps a copy of its batch
    /// and stays replayable after the inbox prunes it.
    /// </summary>
    public Dictionary<long, StoredBatch> Batches { get; } = [];

    /// <summary>Items settled so far (acknowledged, rescheduled or dead-lettered).</summary>
    public int Settled { get; internal set; }

    /// <summary>The outcome the sender gave each item it sent, by item id.</summary>
    internal Dictionary<long, ItemOutcome> Outcomes { get; } = [];

    /// <summary>Items settled while planning (dead-lettered, skipped): the engine passes them over when it settles.</summary>
    internal HashSet<long> SettledEarly { get; } = [];

    /// <summary>The store refused to record what the destination acknowledged: the engine settles nothing this pass.</summary>
    internal bool StoreFailing => StoreFailure is not null;

    /// <summary>What the store threw when it refused; the engine backs off once per pass for it.</summary>
    internal Exception? StoreFailure { get; private set; }

    /// <summary>The item's outcome; the engine settles it after the sender returns.</summary>
    public void Complete(OutboxItem item, ItemOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(item);
        Outcomes[item.Id] = outcome;
    }

    /// <summary>Dead-letters an item that cannot be delivered (unreadable, mapping failed); the user's later items wait.</summary>
    public Task DeadLetterAsync(OutboxItem item, string reason, CancellationToken cancellationToken) => DeadLetterAsync(item, reason, logged: false, cancellationToken);

    /// <inheritdoc cref="DeadLetterAsync(OutboxItem, string, CancellationToken)"/>
    /// <param name="logged">The caller logged this item already (with its exception): no second line for it.</param>
    public Task DeadLetterAsync(OutboxItem item, string reason, bool logged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        SettledEarly.Add(item.Id);
        return _engine.DeadLetterAsync(item, reason, this, logged, cancellationToken);
    }

    /// <summary>Acknowledges an item with nothing to send to this output.</summary>
    public Task SkipAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        SettledEarly.Add(item.Id);
        return _engine.SkipAsync(item, this, cancellationToken);
    }

    /// <summary>Counts an answered (or failed) request and notes the destination's health.</summary>
    public void RequestAnswered(RequestReport report) => _engine.RequestAnswered(report);

    /// <summary>The store refused a write the sender needed (e.g. what the destination acknowledged): delivery pauses.</summary>
    public void StoreFailed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        StoreFailure ??= exception;
    }
}
