using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>A named segment: the filter JSON as defined (echoed back and persisted) and its compiled tree.</summary>
internal sealed record SegmentDefinition(string Name, JsonNode Filter, SegmentNode Compiled, DateTimeOffset UpdatedAt);
