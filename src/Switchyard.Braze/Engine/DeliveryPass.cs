using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Braze.Engine;

/// <summary>What one pass of a <see cref="DeliveryCycle"/> has done so far.</summary>
internal sealed class DeliveryPass
{
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
    /// The inbox batch of each prepared item (by item id), so an item dead-lettered at any step keeps a copy of its batch
    /// and stays replayable after the inbox prunes it.
    /// </summary>
    public Dictionary<long, StoredBatch> Batches { get; } = [];

    public int Settled { get; set; }
}
