using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>The <see cref="EventKeys"/> key an event is recorded under (what audience criteria name, §6).</summary>
internal static class EventKeyOf
{
    public static string Event(BatchEvent e) => e.Data switch
    {
        CustomEventData custom => EventKeys.Custom(custom.EventName ?? ""),
        ScreenViewEventData screen => EventKeys.ScreenView(screen.ScreenName ?? ""),
        CommerceEventData commerce => EventKeys.Commerce(CommerceAction(commerce)),
        _ => EventKeys.OfType(WireNames.Of(e.EventType)),
    };

    /// <summary>The product action, else the promotion action, else <c>impression</c> (exactly one is present, §1.4).</summary>
    private static string CommerceAction(CommerceEventData commerce)
    {
        if (commerce.ProductAction is { } product)
        {
            return WireNames.Of(product.Action ?? ProductActionType.Unknown);
        }

        if (commerce.PromotionAction is { } promotion)
        {
            return promotion.Action == PromotionActionType.Click ? "promotion_click" : "promotion_view";
        }

        return commerce.ProductImpressions.Count > 0 ? "impression" : "unknown";
    }
}
