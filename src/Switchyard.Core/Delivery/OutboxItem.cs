using Switchyard.Core.Storage;

namespace Switchyard.Core.Delivery;

/// <summary>An <see cref="OutboxEntry"/> as stored, with its place in the queue and its retry state.</summary>
/// <param name="Id">Increases in enqueue (commit) order and is never reused.</param>
/// <param name="Attempts">Failed attempts so far (0 for a fresh or replayed item).</param>
/// <param name="NextAttemptAtMs">The item is not claimed before this time.</param>
/// <param name="LastError">Why the last attempt failed, if one did.</param>
public sealed record OutboxItem(
    long Id, string OutputId, long Mpid, string Payload, int Attempts, long NextAttemptAtMs, long CreatedAtMs, string? LastError)
{
    /// <summary>
    /// The inbox batch the item delivers, when the item carries its own copy (a replayed dead letter that kept its
    /// batch): the delivery reads it from here, not from the inbox, which may have pruned it. Null for every other item.
    /// </summary>
    public StoredBatch? Batch { get; init; }
}
