using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>product_action.action</c> of a commerce event (reference/mparticle.md §1.4). <c>remove_from_wish_list</c> is the documented spelling; <c>remove_from_wishlist</c> (what the Web SDK says) is accepted as an alias.</summary>
[JsonConverter(typeof(ProductActionTypeConverter))]
public enum ProductActionType
{
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
    Unknown,
}
