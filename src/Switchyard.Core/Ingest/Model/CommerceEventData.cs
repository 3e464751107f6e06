using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// The data of a <c>commerce_event</c> (reference/mparticle.md §1.3, §1.4). Exactly one of
/// <see cref="ProductAction"/>, <see cref="PromotionAction"/> and <see cref="ProductImpressions"/> is present.
/// </summary>
public sealed class CommerceEventData : EventData
{
    public ProductAction? ProductAction { get; set; }

    public PromotionAction? PromotionAction { get; set; }

    /// <summary>Never null; empty when absent.</summary>
    public IReadOnlyList<ProductImpression> ProductImpressions { get; set => field = value ?? []; } = [];

    public ShoppingCart? ShoppingCart { get; set; }

    /// <summary>ISO 4217 code; downstream defaults to USD when absent (reference/mparticle.md §2.3).</summary>
    public string? CurrencyCode { get; set; }

    public string? ScreenName { get; set; }

    public bool? IsNonInteractive { get; set; }

    public string? EventName { get; set; }

    public CustomEventType? CustomEventType { get; set; }

    [JsonConverter(typeof(EventAttributesConverter))]
    public IReadOnlyDictionary<string, AttributeValue> CustomFlags { get; set => field = value ?? EmptyAttributes.Map; } = EmptyAttributes.Map;
}
