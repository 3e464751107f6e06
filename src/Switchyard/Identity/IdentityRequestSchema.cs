using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Identity;

/// <summary>The body of identify, login, logout and search as the OpenAPI document shows it (IdentityRequestParser reads it).</summary>
internal sealed record IdentityRequestSchema(
    [property: JsonPropertyName("environment")] string? Environment,
    [property: JsonPropertyName("known_identities")] IReadOnlyDictionary<string, string> KnownIdentities,
    [property: JsonPropertyName("previous_mpid")] string? PreviousMpid,
    [property: JsonPropertyName("client_sdk")] JsonElement? ClientSdk,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("request_timestamp_ms")] long? RequestTimestampMs,
    [property: JsonPropertyName("context")] string? Context);
