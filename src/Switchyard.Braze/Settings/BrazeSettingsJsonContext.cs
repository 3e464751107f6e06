using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Braze.Settings;

/// <summary>Settings on the wire: camelCase like the workspace file, comments and trailing commas allowed, unknown and repeated fields refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(BrazeSettingsDocument))]
internal sealed partial class BrazeSettingsJsonContext : JsonSerializerContext;
