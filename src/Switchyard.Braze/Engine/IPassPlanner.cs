using Switchyard.Core.Delivery;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The output-specific step of a <see cref="DeliveryCycle"/> pass: turns the claimed items into parts to send. Items it
/// cannot deliver it settles itself through the cycle (<see cref="DeliveryCycle.DeadLetter"/>, <see cref="DeliveryCycle.Skip"/>);
/// a prepared item without parts is acknowledged as delivered.
/// </summary>
internal interface IPassPlanner
{
    Task<PassPlan> PlanAsync(IReadOnlyList<OutboxItem> items, DateTimeOffset now, DeliveryPass pass, CancellationToken cancellationToken);
}
