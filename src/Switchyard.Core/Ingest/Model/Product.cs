using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>A product in a commerce event (reference/mparticle.md §1.4).</summary>
public sealed class Product
{
    /// <summary>The SKU.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Brand { get; set; }

    public string? Category { get; set; }

    public string? Variant { get; set; }

    public int? Position { get; set; }

    /// <summary>Unit price.</summary>
    public decimal? Price { get; set; }

    public decimal? Quantity { get; set; }

    public string? CouponCode { get; set; }

    public long? AddedToCartTimeMs { get; set; }

    public decimal? TotalProductAmount { get; set; }

    [JsonConverter(typeof(EventAttributesConverter))]
    public IReadOnlyDictionary<string, AttributeValue> CustomAttributes { get; set => field = value ?? EmptyAttributes.Map; } = EmptyAttributes.Map;
}
