using System.Text.Json.Serialization;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// How a profile is written into its <c>json</c> column: snake_case names, enums by name (a document stays valid when
/// an enum gains members) and empty values left out, since most fields of most profiles are empty.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Profile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
