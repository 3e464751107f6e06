using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Audiences;

/// <summary>
/// Audience definitions on the wire: snake_case, unknown fields refused (a typo must not silently widen an audience).
/// The depth limit stays above the criteria's own limit (16 levels, two JSON levels each) so that one is reported
/// with its path.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64)]
[JsonSerializable(typeof(AudienceDefinition))]
internal sealed partial class AudienceJsonContext : JsonSerializerContext;
