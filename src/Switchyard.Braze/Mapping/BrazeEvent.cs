namespace Switchyard.Braze.Mapping;

/// <summary>A Braze event object (reference/braze.md §1.4), without its user identifier.</summary>
public sealed record BrazeEvent(string Name, DateTimeOffset Time, IReadOnlyList<BrazeProperty> Properties);
