using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Braze.Settings;

/// <summary>Audience settings on the wire: camelCase, comments and trailing commas allowed, unknown and repeated fields refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(BrazeAudienceSettingsDocument))]
internal sealed partial class BrazeAudienceSettingsJsonContext : JsonSerializerContext;
