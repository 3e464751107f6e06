using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Validation;

/// <summary>Commerce event checks (reference/mparticle.md §1.4).</summary>
internal sealed partial class BatchValidator
{
    private void ValidateCommerce(CommerceEventData commerce, string prefix, int index)
    {
        int kinds = (commerce.ProductAction is null ? 0 : 1)
            + (commerce.PromotionAction is null ? 0 : 1)
            + (commerce.ProductImpressions.Count == 0 ? 0 : 1);
        if (kinds != 1)
        {
            AddEventError(IngestErrorCodes.MissingField, prefix, index, ".data", $"a commerce event needs exactly one of product_action, promotion_action and product_impressions; it has {kinds}");
        }

        commerce.EventName = ValidateEventName(commerce.EventName, required: false, prefix, index, ".data.event_name");

        if (commerce.ProductAction is { } action)
        {
            if (action.Action is null)
            {
                AddEventError(IngestErrorCodes.MissingField, prefix, index, ".data.product_action.action", "is required");
            }

            ValidateProducts(action.Products, prefix, index, ".data.product_action.products");
        }

        if (commerce.PromotionAction is { } promotion)
        {
            if (promotion.Action is null)
            {
                AddEventError(IngestErrorCodes.MissingField, prefix, index, ".data.promotion_action.action", "is required");
            }

            for (int i = 0; i < promotion.Promotions.Count; i++)
            {
                if (promotion.Promotions[i] is null)
                {
                    AddEventError(IngestErrorCodes.InvalidField, prefix, index, $".data.promotion_action.promotions[{i}]", "must be an object");
                }
            }
        }

        for (int i = 0; i < commerce.ProductImpressions.Count; i++)
        {
            if (commerce.ProductImpressions[i] is { } impression)
            {
                ValidateProducts(impression.Products, prefix, index, $".data.product_impressions[{i}].products");
            }
            else
            {
                AddEventError(IngestErrorCodes.InvalidField, prefix, index, $".data.product_impressions[{i}]", "must be an object");
            }
        }

        if (commerce.ShoppingCart is { } cart)
        {
            ValidateProducts(cart.Products, prefix, index, ".data.shopping_cart.products");
        }
    }

    private void ValidateProducts(IReadOnlyList<Product> products, string prefix, int index, string field)
    {
        for (int i = 0; i < products.Count; i++)
        {
            if (products[i] is { } product)
            {
                if (product.CustomAttributes.Count == 0)
                {
                    continue;
                }

                product.CustomAttributes = ValidateEventAttributes(product.CustomAttributes, prefix, index, $"{field}[{i}].custom_attributes");
            }
            else
            {
                AddEventError(IngestErrorCodes.InvalidField, prefix, index, $"{field}[{i}]", "must be an object");
            }
        }
    }
}
