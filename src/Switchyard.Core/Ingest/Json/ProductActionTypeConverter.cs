using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="ProductActionType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class ProductActionTypeConverter() : WireEnumConverter<ProductActionType>(Names)
{
    internal static readonly ProductActionTypeConverter Instance = new();

    private static KeyValuePair<string, ProductActionType>[] Names =>
    [
        new("add_to_cart", ProductActionType.AddToCart),
        new("remove_from_cart", ProductActionType.RemoveFromCart),
        new("checkout", ProductActionType.Checkout),
        new("checkout_option", ProductActionType.CheckoutOption),
        new("click", ProductActionType.Click),
        new("view_detail", ProductActionType.ViewDetail),
        new("purchase", ProductActionType.Purchase),
        new("refund", ProductActionType.Refund),
        new("add_to_wishlist", ProductActionType.AddToWishlist),
        new("remove_from_wish_list", ProductActionType.RemoveFromWishlist),
        new("remove_from_wishlist", ProductActionType.RemoveFromWishlist),
        new("unknown", ProductActionType.Unknown),
    ];
}
