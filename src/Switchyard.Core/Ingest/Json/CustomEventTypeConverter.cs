using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="CustomEventType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class CustomEventTypeConverter() : WireEnumConverter<CustomEventType>(Names)
{
    internal static readonly CustomEventTypeConverter Instance = new();

    private static KeyValuePair<string, CustomEventType>[] Names =>
    [
        new("navigation", CustomEventType.Navigation),
        new("location", CustomEventType.Location),
        new("search", CustomEventType.Search),
        new("transaction", CustomEventType.Transaction),
        new("user_content", CustomEventType.UserContent),
        new("user_preference", CustomEventType.UserPreference),
        new("social", CustomEventType.Social),
        new("media", CustomEventType.Media),
        new("other", CustomEventType.Other),
        new("attribution", CustomEventType.Attribution),
        new("unknown", CustomEventType.Unknown),
        new("promotion_view", CustomEventType.PromotionView),
        new("promotion_click", CustomEventType.PromotionClick),
        new("impression", CustomEventType.Impression),
        new("consent_granted", CustomEventType.ConsentGranted),
        new("consent_denied", CustomEventType.ConsentDenied),

        // The product actions, for commerce events only (the validator refuses them on a custom event).
        new("add_to_cart", CustomEventType.AddToCart),
        new("remove_from_cart", CustomEventType.RemoveFromCart),
        new("checkout", CustomEventType.Checkout),
        new("checkout_option", CustomEventType.CheckoutOption),
        new("click", CustomEventType.Click),
        new("view_detail", CustomEventType.ViewDetail),
        new("purchase", CustomEventType.Purchase),
        new("refund", CustomEventType.Refund),
        new("add_to_wishlist", CustomEventType.AddToWishlist),
        new("remove_from_wish_list", CustomEventType.RemoveFromWishlist),
        new("remove_from_wishlist", CustomEventType.RemoveFromWishlist),
    ];
}
