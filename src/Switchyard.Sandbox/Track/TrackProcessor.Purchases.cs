using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Reference;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Purchase objects (reference/braze.md §1.6). A quantity of n is stored as n purchases, and each stored purchase bills
/// 1 data point, so quantity multiplies the cost (our reading of §4; UNVERIFIED).
/// </summary>
internal static partial class TrackProcessor
{
    private const int MaxQuantity = 100;

    private static string? ProcessPurchase(UserWriteSession session, JsonObject obj)
    {
        if (ObjectIdentity.TryParse(obj, out var identity) is { } identityError)
        {
            return identityError;
        }

        string? error;
        if ((error = ParseProduct(obj, out var productId)) is not null
            || (error = ParseCurrency(obj, out var currency)) is not null
            || (error = ParsePrice(obj, out var price)) is not null
            || (error = ParseQuantity(obj, out var quantity)) is not null
            || (error = ParseTime(session, obj, out var time)) is not null
            || (error = ParseAppId(obj, out var appId)) is not null
            || (error = EventProperties.Validate(obj["properties"], out var properties)) is not null)
        {
            return error;
        }

        if (identity!.Resolve(session) is not { } user)
        {
            return null;
        }

        for (var i = 0; i < quantity; i++)
        {
            user.Purchases.Add(new PurchaseRecord(productId, currency, price, time, appId, (JsonObject?)properties?.DeepClone()));
        }

        session.DataPoints.Purchases += quantity;
        session.Touch(user);
        return null;
    }

    private static string? ParseProduct(JsonObject obj, out string productId)
    {
        productId = string.Empty;
        if (obj["product_id"] is null)
        {
            return TrackErrors.Required("product_id");
        }

        if (!ObjectIdentity.IsNonEmptyString(obj["product_id"], out var text) || text!.Length > MaxNameLength)
        {
            return TrackErrors.Invalid("product_id");
        }

        productId = text;
        return null;
    }

    private static string? ParseCurrency(JsonObject obj, out string currency)
    {
        currency = string.Empty;
        if (obj["currency"] is null)
        {
            return TrackErrors.Required("currency");
        }

        if (!ObjectIdentity.IsNonEmptyString(obj["currency"], out var code) || code!.Length != 3 || !CurrencyCodes.Contains(code))
        {
            return TrackErrors.Invalid("currency");
        }

        currency = code.ToUpperInvariant();
        return null;
    }

    private static string? ParsePrice(JsonObject obj, out decimal price)
    {
        price = 0;
        if (obj["price"] is not { } node)
        {
            return TrackErrors.Required("price");
        }

        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out price)
            ? null
            : TrackErrors.Invalid("price");
    }

    private static string? ParseQuantity(JsonObject obj, out int quantity)
    {
        quantity = 1;
        if (obj["quantity"] is not { } node)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out quantity) && quantity is >= 1 and <= MaxQuantity
            ? null
            : TrackErrors.InvalidQuantity;
    }
}
