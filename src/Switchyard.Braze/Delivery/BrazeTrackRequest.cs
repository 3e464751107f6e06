namespace Switchyard.Braze.Delivery;

/// <summary>
/// One packed <c>/users/track</c> request: the UTF-8 JSON body and, for each object, the item it came from, so that
/// Braze's per-object <c>errors[{input_array,index}]</c> map back to items (reference/braze.md §1.7).
/// </summary>
public sealed class BrazeTrackRequest
{
    private readonly long[] _attributeItems;
    private readonly long[] _eventItems;
    private readonly long[] _purchaseItems;

    internal BrazeTrackRequest(ReadOnlyMemory<byte> body, long[] itemIds, long[] attributeItems, long[] eventItems, long[] purchaseItems, int capacity)
    {
        Body = body;
        _attributeItems = attributeItems;
        _eventItems = eventItems;
        _purchaseItems = purchaseItems;
        Capacity = capacity;
        ItemIds = itemIds;
    }

    /// <summary>The request body as UTF-8 JSON, written by <see cref="Mapping.BrazeTrackJson.WriteBody"/>.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Every item with at least one object in this request, in the order they were packed. A split item appears in several requests.</summary>
    public IReadOnlyList<long> ItemIds { get; }

    public int AttributeCount => _attributeItems.Length;

    public int EventCount => _eventItems.Length;

    public int PurchaseCount => _purchaseItems.Length;

    /// <summary>All objects of the three arrays.</summary>
    public int ObjectCount => AttributeCount + EventCount + PurchaseCount;

    /// <summary>The most objects the batch rule allows in one request (225 for <c>PerArray75</c>).</summary>
    public int Capacity { get; }

    /// <summary>The share of <see cref="Capacity"/> used, 0–1, for the "≥ 90 % of capacity used" target (design.md).</summary>
    public double Utilization => (double)ObjectCount / Capacity;

    /// <summary>The item that the object at <paramref name="index"/> of <paramref name="array"/> belongs to.</summary>
    public bool TryGetItemId(BrazeTrackArray array, int index, out long itemId)
    {
        var items = array switch
        {
            BrazeTrackArray.Attributes => _attributeItems,
            BrazeTrackArray.Events => _eventItems,
            BrazeTrackArray.Purchases => _purchaseItems,
            _ => [],
        };
        if (index >= 0 && index < items.Length)
        {
            itemId = items[index];
            return true;
        }

        itemId = 0;
        return false;
    }
}
