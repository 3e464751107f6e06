using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>custom_event_type</c> of a custom or commerce event (reference/mparticle.md §1.3, §1.4). From <see cref="PromotionView"/> on, the values are only valid on commerce events: the promotion, impression and consent types, and the product actions, which mParticle's Events API schema lists for a commerce event's <c>custom_event_type</c> and its own example batch uses (<c>"purchase"</c>).</summary>
[JsonConverter(typeof(CustomEventTypeConverter))]
public enum CustomEventType
{
    Navigation,
    Location,
    Search,
    Transaction,
    UserContent,
    UserPreference,
    Social,
    Media,
    Other,
    Attribution,
    Unknown,
    PromotionView,
    PromotionClick,
    Impression,
    ConsentGranted,
    ConsentDenied,
    AddToCart,
    RemoveFromCart,
    Checkout,
    CheckoutOption,
    Click,
    ViewDetail,
    Purchase,
    Refund,
    AddToWishlist,
    RemoveFromWishlist,
}
