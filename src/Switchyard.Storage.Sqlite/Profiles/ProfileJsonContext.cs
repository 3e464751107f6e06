using System.Text.Json.Serialization;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// The stored form of a profile. Enums are written as names so a document stays readable (and valid) if an enum
/// gains members; null and default values are left out because most fields of most profiles are empty.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Profile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
