namespace Switchyard.Core.Ingest.Model;

/// <summary>One entry of a commerce event's <c>product_impressions</c> (reference/mparticle.md §1.4).</summary>
public sealed class ProductImpression
{
    public string? ProductImpressionList { get; set; }

    /// <summary>Never null.</summary>
    public IReadOnlyList<Product> Products { get; set => field = value ?? []; } = [];
}
