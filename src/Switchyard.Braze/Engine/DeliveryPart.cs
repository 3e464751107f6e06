using Switchyard.Braze.Mapping;

namespace Switchyard.Braze.Engine;

/// <summary>
/// What one pass packs as one unit: either the coalesced attributes object of a user (shared by every item that
/// contributed to it) or the new events and purchases of one item. Its outcome counts for each of its items.
/// </summary>
/// <param name="Fields">Attributes part: field → fingerprint (null = removed) to record once delivered.</param>
/// <param name="EventIds">Events part: the ids of its events, in order, to record once delivered.</param>
/// <param name="PurchaseIds">Events part: the ids of its purchases, in order.</param>
internal sealed record DeliveryPart(
    long Mpid,
    IReadOnlyList<PreparedItem> Items,
    BrazeUserUpdate Update,
    IReadOnlyDictionary<string, string?> Fields,
    IReadOnlyList<string> EventIds,
    IReadOnlyList<string> PurchaseIds);
