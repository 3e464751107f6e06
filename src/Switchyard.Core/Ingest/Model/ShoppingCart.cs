namespace Switchyard.Core.Ingest.Model;

/// <summary>A commerce event's <c>shopping_cart</c> (reference/mparticle.md §1.4).</summary>
public sealed class ShoppingCart
{
    /// <summary>Never null.</summary>
    public IReadOnlyList<Product> Products { get; set => field = value ?? []; } = [];
}
