namespace Switchyard.Braze.Mapping;

/// <summary>A Braze purchase object (reference/braze.md §1.6), without its user identifier. <see cref="Price"/> is in major units.</summary>
public sealed record BrazePurchase(
    string ProductId,
    string Currency,
    decimal Price,
    int Quantity,
    DateTimeOffset Time,
    IReadOnlyList<BrazeProperty> Properties);
