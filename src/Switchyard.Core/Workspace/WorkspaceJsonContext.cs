using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Workspace;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkspaceDocument))]
[JsonSerializable(typeof(InputFeedDocument))]
[JsonSerializable(typeof(OutputDocument))]
[JsonSerializable(typeof(ConnectionDocument))]
internal sealed partial class WorkspaceJsonContext : JsonSerializerContext;
