using System.Globalization;
using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>The named commerce properties and nested objects (reference/mparticle.md §2.3).</summary>
public static partial class BrazeUserMapper
{
    private static string Currency(CommerceEventData commerce) =>
        string.IsNullOrWhiteSpace(commerce.CurrencyCode) ? DefaultCurrency : commerce.CurrencyCode.Trim();

    private static void AddTransactionFields(MappingRun run, PropertyBag bag, ProductAction action)
    {
        bag.SetIfPresent("Transaction Id", action.TransactionId);
        SetAmount(run, bag, "Total Amount", action.TotalAmount);
        SetAmount(run, bag, "Shipping Amount", action.ShippingAmount);
        SetAmount(run, bag, "Tax Amount", action.TaxAmount);
    }

    private static void AddProductFields(MappingRun run, PropertyBag bag, Product product, bool withIdPriceQuantity)
    {
        if (withIdPriceQuantity)
        {
            bag.SetIfPresent("Id", product.Id);
            SetAmount(run, bag, "Price", product.Price);
            bag.SetIfPresent("Quantity", product.Quantity);
        }

        bag.SetIfPresent("Name", product.Name);
        bag.SetIfPresent("Category", product.Category);
        bag.SetIfPresent("Brand", product.Brand);
        SetAmount(run, bag, "Total Product Amount", product.TotalProductAmount);
    }

    /// <summary>
    /// An amount as a property: by default the decimal as sent, as a string (mParticle's Braze mapping table lists these
    /// fields as strings); with <c>commerceAmountsAs: number</c>, a JSON number. Never rounded through a double.
    /// </summary>
    private static void SetAmount(MappingRun run, PropertyBag bag, string name, decimal? amount)
    {
        if (run.Settings.CommerceAmountsAs == CommerceAmounts.Number)
        {
            bag.SetIfPresent(name, amount);
        }
        else
        {
            bag.SetIfPresent(name, amount?.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static BrazeObject ProductObject(MappingRun run, Product product, string eventName)
    {
        var bag = new PropertyBag();
        AddProductFields(run, bag, product, withIdPriceQuantity: true);
        bag.SetIfPresent("Variant", product.Variant);
        AddNestedAttributes(run, bag, product.CustomAttributes, eventName);
        return new BrazeObject(bag.ToList());
    }

    private static BrazeObject ImpressionObject(MappingRun run, ProductImpression impression)
    {
        var bag = new PropertyBag();
        bag.SetIfPresent("Product Impression List", impression.ProductImpressionList);
        bag.Set("products", new BrazeArray([.. impression.Products.Select(p => (BrazeValue)ProductObject(run, p, "eCommerce - impression"))]));
        return new BrazeObject(bag.ToList());
    }

    private static PropertyBag PromotionFields(Promotion promotion)
    {
        var bag = new PropertyBag();
        bag.SetIfPresent("Id", promotion.Id);
        bag.SetIfPresent("Name", promotion.Name);
        bag.SetIfPresent("Creative", promotion.Creative);
        bag.SetIfPresent("Position", promotion.Position);
        return bag;
    }

    /// <summary>Bundled: the commerce event's own attributes go in a nested <c>Attributes</c> object (§2.3 "+ Attributes").</summary>
    private static void AddBundledAttributes(MappingRun run, PropertyBag bag, CommerceEventData commerce, string eventName) =>
        AddNestedAttributes(run, bag, commerce.CustomAttributes, eventName);

    private static void AddNestedAttributes(MappingRun run, PropertyBag bag, IReadOnlyDictionary<string, AttributeValue> attributes, string eventName)
    {
        var nested = new PropertyBag();
        AddEventProperties(run, nested, attributes, $"event '{eventName}'");
        if (nested.Count > 0)
        {
            bag.Set("Attributes", new BrazeObject(nested.ToList()));
        }
    }

    private static string ActionName(ProductActionType action) => WireNames.Of(action);
}
