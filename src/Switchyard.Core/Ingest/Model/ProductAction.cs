namespace Switchyard.Core.Ingest.Model;

/// <summary>A commerce event's <c>product_action</c> (reference/mparticle.md §1.4). Amounts are decimals, never doubles.</summary>
public sealed class ProductAction
{
    /// <summary>Required.</summary>
    public ProductActionType? Action { get; set; }

    public int? CheckoutStep { get; set; }

    public string? CheckoutOptions { get; set; }

    public string? ProductActionList { get; set; }

    public string? ProductListSource { get; set; }

    public string? TransactionId { get; set; }

    public string? Affiliation { get; set; }

    public decimal? TotalAmount { get; set; }

    public decimal? TaxAmount { get; set; }

    public decimal? ShippingAmount { get; set; }

    public string? CouponCode { get; set; }

    /// <summary>Never null.</summary>
    public IReadOnlyList<Product> Products { get; set => field = value ?? []; } = [];
}
