namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// The output-specific step of a <see cref="DeliveryEngine"/> pass (conventions.md: an output maps items to requests and
/// sends them; it does not buffer, sleep or retry). Given the claimed items in claim order, it plans requests, sends them
/// through its rate gate and tells the pass each item's outcome (<see cref="DeliveryPass.Complete"/>); an item it cannot
/// deliver at all it settles itself (<see cref="DeliveryPass.DeadLetterAsync(OutboxItem, string, CancellationToken)"/>, <see cref="DeliveryPass.SkipAsync"/>). An item it
/// leaves without an outcome (not sent this pass) stays queued untouched, and so do that user's later items.
/// </summary>
/// <remarks>
/// Per-user order: once a user's item fails or stays behind (<see cref="DeliveryPass.Blocked"/>), the user's later
/// items must not be sent in this pass. With <see cref="DeliveryOptions.MaxInFlight"/> above 1 the engine calls
/// <see cref="SendAsync"/> for several request groups of one pass at the same time, each with its own
/// <see cref="DeliveryPass"/> and every item of a user in the same group: a sender must allow concurrent calls (state
/// shared between calls, such as acknowledgements not yet recorded, needs a lock). Cancelled while sending, a sender stops before the next request and reports what
/// was answered; cancelled while planning, it throws and nothing changes.
/// </remarks>
public interface IOutputSender
{
    /// <summary>Requests the destination acknowledged whose effects the store has not recorded yet (a gauge).</summary>
    int UnrecordedRequests => 0;

    Task SendAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass, CancellationToken cancellationToken);

    /// <summary>
    /// Called before a pass claims anything: records what an earlier pass could not (the store refused). Returns false
    /// after telling <see cref="DeliveryPass.StoreFailed"/> when the store still refuses; the pass then does nothing.
    /// </summary>
    ValueTask<bool> RecordUnrecordedAsync(DeliveryPass pass, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
