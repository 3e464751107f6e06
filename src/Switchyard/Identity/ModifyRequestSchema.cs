using System.Text.Json.Serialization;

namespace Switchyard.Identity;

/// <summary>The body of modify as the OpenAPI document shows it.</summary>
internal sealed record ModifyRequestSchema(
    [property: JsonPropertyName("identity_changes")] IReadOnlyList<IdentityChangeSchema> IdentityChanges,
    [property: JsonPropertyName("environment")] string? Environment);

internal sealed record IdentityChangeSchema(
    [property: JsonPropertyName("identity_type")] string IdentityType,
    [property: JsonPropertyName("old_value")] string? OldValue,
    [property: JsonPropertyName("new_value")] string? NewValue);
