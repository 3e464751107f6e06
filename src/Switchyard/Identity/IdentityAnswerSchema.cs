using System.Text.Json.Serialization;

namespace Switchyard.Identity;

/// <summary>The answer of identify, login, logout and search as the OpenAPI document shows it (IdentityEndpoints writes it).</summary>
internal sealed record IdentityAnswerSchema(
    [property: JsonPropertyName("context")] string? Context,
    [property: JsonPropertyName("matched_identities")] IReadOnlyDictionary<string, string> MatchedIdentities,
    [property: JsonPropertyName("is_ephemeral")] bool IsEphemeral,
    [property: JsonPropertyName("is_logged_in")] bool IsLoggedIn,
    [property: JsonPropertyName("mpid")] string Mpid);
