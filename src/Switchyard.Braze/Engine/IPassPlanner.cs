using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The output-specific step of a <see cref="DeliveryEngine"/> pass: turns the claimed items into parts to send. Items it
/// cannot deliver it settles itself through the pass (<see cref="DeliveryPass.DeadLetterAsync(OutboxItem, string, CancellationToken)"/>, <see cref="DeliveryPass.SkipAsync"/>);
/// a prepared item without parts is acknowledged as delivered.
/// </summary>
internal interface IPassPlanner
{
    Task<PassPlan> PlanAsync(IReadOnlyList<OutboxItem> items, DateTimeOffset now, DeliveryPass pass, CancellationToken cancellationToken);
}
