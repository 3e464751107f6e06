using Switchyard.Braze.Mapping;
using Switchyard.Core.Delivery;

namespace Switchyard.Braze.Engine;

/// <summary>An outbox item mapped for this pass: its update and the stable ids of its events and purchases.</summary>
internal sealed record PreparedItem(OutboxItem Item, BrazeUserUpdate Update, IReadOnlyList<string> EventIds, IReadOnlyList<string> PurchaseIds);
