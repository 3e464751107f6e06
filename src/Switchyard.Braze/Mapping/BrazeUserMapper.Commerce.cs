using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>
/// Commerce events (reference/mparticle.md §2.3). Unbundled: a purchase per purchased product, a custom event
/// <c>eCommerce - &lt;action&gt; - Item</c> per product otherwise (plus <c>- Total</c> for a refund). Bundled
/// ("Bundle Commerce Event Data"): one purchase <c>eCommerce - purchase</c> or one event <c>eCommerce - &lt;action&gt;</c>
/// with nested <c>products</c>/<c>promotions</c>/<c>impressions</c>. The S2S names are UNVERIFIED; these are the kits'.
/// </summary>
public static partial class BrazeUserMapper
{
    private const string DefaultCurrency = "USD";

    /// <summary>Just under <see cref="decimal.MaxValue"/>: sums and products from here on are capped rather than overflow.</summary>
    private const double LargestAmount = 0.999 * 7.9228162514264337593543950335e28;

    private static void MapCommerce(MappingRun run, CommerceEventData commerce)
    {
        var bundled = run.Settings.BundleCommerceEventData;
        if (commerce.ProductAction is { Action: { } action } productAction)
        {
            if (bundled)
            {
                BundledProductAction(run, commerce, productAction, action);
            }
            else
            {
                UnbundledProductAction(run, commerce, productAction, action);
            }
        }
        else if (commerce.PromotionAction is { Action: { } promotionAction } promotions)
        {
            var actionName = promotionAction == PromotionActionType.Click ? "promotion_click" : "promotion_view";
            if (bundled)
            {
                var bag = new PropertyBag();
                bag.Set("promotions", new BrazeArray([.. promotions.Promotions.Select(p => (BrazeValue)new BrazeObject(PromotionFields(p).ToList()))]));
                AddBundledAttributes(run, bag, commerce, "eCommerce - " + actionName);
                AddCommerceEvent(run, "eCommerce - " + actionName, commerce, bag);
            }
            else
            {
                foreach (var promotion in promotions.Promotions)
                {
                    var name = $"eCommerce - {actionName} - Item";
                    var bag = PromotionFields(promotion);
                    AddEventProperties(run, bag, commerce.CustomAttributes, $"event '{name}'");
                    AddCommerceEvent(run, name, commerce, bag);
                }
            }
        }
        else if (commerce.ProductImpressions.Count > 0)
        {
            const string Impression = "eCommerce - impression";
            if (bundled)
            {
                var bag = new PropertyBag();
                bag.Set("impressions", new BrazeArray([.. commerce.ProductImpressions.Select(i => (BrazeValue)ImpressionObject(run, i))]));
                AddBundledAttributes(run, bag, commerce, Impression);
                AddCommerceEvent(run, Impression, commerce, bag);
            }
            else
            {
                foreach (var impression in commerce.ProductImpressions)
                {
                    foreach (var product in impression.Products)
                    {
                        const string Name = Impression + " - Item";
                        var bag = new PropertyBag();
                        bag.SetIfPresent("Product Impression List", impression.ProductImpressionList);
                        AddProductFields(run, bag, product, withIdPriceQuantity: true);
                        AddEventProperties(run, bag, product.CustomAttributes, $"event '{Name}'");
                        AddEventProperties(run, bag, commerce.CustomAttributes, $"event '{Name}'");
                        AddCommerceEvent(run, Name, commerce, bag);
                    }
                }
            }
        }
    }

    private static void UnbundledProductAction(MappingRun run, CommerceEventData commerce, ProductAction productAction, ProductActionType action)
    {
        var actionName = ActionName(action);
        foreach (var product in productAction.Products)
        {
            var bag = new PropertyBag();
            if (action == ProductActionType.Purchase)
            {
                // §2.3: Transaction Id, Total Amount, Shipping Amount, Tax Amount, Name, Category, Brand, Total Product Amount.
                AddTransactionFields(run, bag, productAction);
                AddProductFields(run, bag, product, withIdPriceQuantity: false);
            }
            else
            {
                AddProductFields(run, bag, product, withIdPriceQuantity: true);
                AddTransactionFields(run, bag, productAction);
            }

            var name = $"eCommerce - {actionName} - Item";
            var where = action == ProductActionType.Purchase ? $"purchase '{BrazeLimits.ForWarning(product.Id ?? "")}'" : $"event '{name}'";
            AddEventProperties(run, bag, product.CustomAttributes, where);
            AddEventProperties(run, bag, commerce.CustomAttributes, where);
            if (action == ProductActionType.Purchase)
            {
                AddPurchase(run, commerce, product, bag);
            }
            else
            {
                AddCommerceEvent(run, name, commerce, bag);
            }
        }

        if (action == ProductActionType.Refund)
        {
            const string Name = "eCommerce - refund - Total";
            var bag = new PropertyBag();
            AddTransactionFields(run, bag, productAction);
            AddEventProperties(run, bag, commerce.CustomAttributes, $"event '{Name}'");
            AddCommerceEvent(run, Name, commerce, bag);
        }
    }

    private static void BundledProductAction(MappingRun run, CommerceEventData commerce, ProductAction productAction, ProductActionType action)
    {
        var name = "eCommerce - " + ActionName(action);
        var bag = new PropertyBag();
        AddTransactionFields(run, bag, productAction);
        bag.Set("products", new BrazeArray([.. productAction.Products.Select(p => (BrazeValue)ProductObject(run, p, name))]));
        AddBundledAttributes(run, bag, commerce, name);
        if (action == ProductActionType.Purchase)
        {
            // price = revenue (the total amount, else the sum of the products), quantity 1 (§2.3).
            var revenue = productAction.TotalAmount ?? Revenue(run, productAction.Products);
            run.Purchases.Add(new BrazePurchase(name, Currency(commerce), revenue, 1, run.TimeOf(commerce), bag.ToList()));
        }
        else
        {
            AddCommerceEvent(run, name, commerce, bag);
        }
    }

    /// <summary>
    /// Σ price × quantity. Ingest takes any amount within the decimal range, so the sum can overflow it: it is then
    /// capped at ±<see cref="decimal.MaxValue"/> and counted (<see cref="BrazeWarningKind.OutOfRange"/>).
    /// </summary>
    private static decimal Revenue(MappingRun run, IReadOnlyList<Product> products)
    {
        var sum = 0m;
        foreach (var product in products)
        {
            var price = product.Price ?? 0m;
            var quantity = product.Quantity ?? 1m;
            if (!Fits(price, quantity, out var amount) || !FitsSum(sum, amount))
            {
                run.Warn(BrazeWarningKind.OutOfRange, "purchases", "price");
                return (price < 0) == (quantity < 0) ? decimal.MaxValue : decimal.MinValue;
            }

            sum += amount;
        }

        return sum;
    }

    /// <summary>
    /// Whether a × b stays within the decimal range. Judged in doubles with a margin, so the decimal arithmetic done
    /// afterwards can never overflow; an amount within a thousandth of the largest decimal is no real price anyway.
    /// </summary>
    private static bool Fits(decimal a, decimal b, out decimal product)
    {
        if ((double)Math.Abs(a) * (double)Math.Abs(b) >= LargestAmount)
        {
            product = 0m;
            return false;
        }

        product = a * b;
        return true;
    }

    /// <summary>Whether a + b stays within the decimal range: opposite signs always do.</summary>
    private static bool FitsSum(decimal a, decimal b) =>
        (a >= 0) != (b >= 0) || (double)Math.Abs(a) + (double)Math.Abs(b) < LargestAmount;

    private static void AddPurchase(MappingRun run, CommerceEventData commerce, Product product, PropertyBag bag)
    {
        var productId = product.Id is { Length: > 0 } id ? id : product.Name;
        if (string.IsNullOrEmpty(productId))
        {
            run.Warn(BrazeWarningKind.MissingProductId, "purchases", "");
            return;
        }

        if (BrazeLimits.TooLong(productId))
        {
            run.Warn(BrazeWarningKind.NameTruncated, "purchases", productId);
            productId = BrazeLimits.Cut(productId);
        }

        var quantity = product.Quantity ?? 1m;
        var whole = (int)Math.Clamp(Math.Round(quantity, MidpointRounding.AwayFromZero), 1m, 100m);
        if (whole != quantity)
        {
            run.Warn(BrazeWarningKind.QuantityAdjusted, "purchases", productId);
        }

        run.Purchases.Add(new BrazePurchase(productId, Currency(commerce), product.Price ?? 0m, whole, run.TimeOf(commerce), bag.ToList()));
    }

    private static void AddCommerceEvent(MappingRun run, string name, CommerceEventData commerce, PropertyBag bag) =>
        run.Events.Add(new BrazeEvent(name, run.TimeOf(commerce), bag.ToList()));
}
