namespace Switchyard.Braze.Mapping;

/// <summary>Anchors the assembly until the mapping types land.</summary>
internal static class BrazeMappingMarker;
