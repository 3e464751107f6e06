namespace Switchyard.Core.Storage;

/// <summary>
/// One read of a partition lane (<see cref="IInboxStore.ReadLaneAsync"/>): its batches, and the sequence up to which
/// the lane has nothing else, so a lane whose partitions are quiet still moves its cursor past the others' batches.
/// </summary>
public sealed record InboxLanePage(IReadOnlyList<StoredBatch> Batches, long ScannedThrough);
