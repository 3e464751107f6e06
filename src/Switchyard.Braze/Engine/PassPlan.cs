namespace Switchyard.Braze.Engine;

/// <summary>A pass's items to settle by their parts' outcomes, and the parts to send, in order.</summary>
internal sealed record PassPlan(IReadOnlyList<PreparedItem> Prepared, IReadOnlyList<DeliveryPart> Parts);
