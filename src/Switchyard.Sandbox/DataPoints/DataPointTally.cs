namespace Switchyard.Sandbox.DataPoints;

/// <summary>Data points by billing category (reference/braze.md §4); mutable, owned by one writer at a time.</summary>
internal sealed class DataPointTally
{
    public long CustomAttributes { get; set; }

    public long ProfileAttributes { get; set; }

    public long Events { get; set; }

    public long Purchases { get; set; }

    public long Total => CustomAttributes + ProfileAttributes + Events + Purchases;

    public bool IsEmpty => Total == 0;

    public void Add(DataPointTally other)
    {
        CustomAttributes += other.CustomAttributes;
        ProfileAttributes += other.ProfileAttributes;
        Events += other.Events;
        Purchases += other.Purchases;
    }

    public DataPointTally Copy() => new()
    {
        CustomAttributes = CustomAttributes,
        ProfileAttributes = ProfileAttributes,
        Events = Events,
        Purchases = Purchases,
    };

    public DataPointBreakdown ToBreakdown() => new(CustomAttributes, ProfileAttributes, Events, Purchases, Total);
}
