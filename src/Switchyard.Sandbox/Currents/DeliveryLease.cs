namespace Switchyard.Sandbox.Currents;

/// <summary>
/// The batches at the head of the queue that one request carries. <paramref name="Generation"/> tells a result that
/// arrives after a reset (which emptied the queue) to change nothing.
/// </summary>
internal sealed record DeliveryLease(int Generation, IReadOnlyList<QueuedBatch> Batches);
