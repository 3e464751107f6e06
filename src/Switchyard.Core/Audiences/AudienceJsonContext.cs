using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Audiences;

/// <summary>
/// Audience definitions on the wire: snake_case, unknown fields refused (a typo must not silently widen an audience).
/// The depth limit stays above the criteria's own limit (16 levels, two JSON levels each) so that one is reported
/// with its path. Comments and trailing commas are allowed, as in the workspace file: definitions are often hand-written.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64)]
[JsonSerializable(typeof(AudienceDefinition))]
internal sealed partial class AudienceJsonContext : JsonSerializerContext;
