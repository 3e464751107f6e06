using Switchyard.Core.Storage;

namespace Switchyard.Core.Delivery;

/// <summary>An item the output rejected or gave up on, kept for inspection and replay.</summary>
/// <param name="Id">The dead letter's own id (not the outbox item's); increases in the order items died.</param>
/// <param name="Attempts">Failed attempts before it died.</param>
public sealed record DeadLetter(long Id, string OutputId, long Mpid, string Payload, string Reason, int Attempts, long DeadAtMs)
{
    /// <summary>
    /// Whether the dead letter keeps its own copy of the inbox batch it delivers, so a replay works after the inbox
    /// pruned the batch. False for items that deliver no batch and for dead letters from before copies were kept, which
    /// replay from the inbox while it still holds the batch.
    /// </summary>
    public bool KeepsBatch { get; init; }

    /// <summary>The copy of the inbox batch the dead letter keeps (null when <see cref="KeepsBatch"/> is false), so what a replay would send can be judged before replaying it.</summary>
    public StoredBatch? Batch { get; init; }
}
