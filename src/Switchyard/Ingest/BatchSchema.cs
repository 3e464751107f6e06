using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Ingest;

/// <summary>
/// The shape of an Events API batch as the OpenAPI document shows it: the top-level fields, with events and the
/// nested objects left open (every event type and field is described in docs/events-api.md and mParticle's Events API
/// reference, https://docs.mparticle.com/developers/apis/http/). Documentation only: requests are read by the
/// Events API parser, which checks far more than a schema can say.
/// </summary>
internal sealed record BatchSchema(
    [property: JsonPropertyName("events")] IReadOnlyList<EventSchema>? Events,
    [property: JsonPropertyName("source_request_id")] string? SourceRequestId,
    [property: JsonPropertyName("environment")] string? Environment,
    [property: JsonPropertyName("user_attributes")] IReadOnlyDictionary<string, JsonElement>? UserAttributes,
    [property: JsonPropertyName("deleted_user_attributes")] IReadOnlyList<string>? DeletedUserAttributes,
    [property: JsonPropertyName("user_identities")] IReadOnlyDictionary<string, string>? UserIdentities,
    [property: JsonPropertyName("device_info")] JsonElement? DeviceInfo,
    [property: JsonPropertyName("application_info")] JsonElement? ApplicationInfo,
    [property: JsonPropertyName("mpid")] long? Mpid,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("context")] JsonElement? Context,
    [property: JsonPropertyName("consent_state")] JsonElement? ConsentState,
    [property: JsonPropertyName("integration_attributes")] JsonElement? IntegrationAttributes,
    [property: JsonPropertyName("partner_identities")] IReadOnlyDictionary<string, string>? PartnerIdentities,
    [property: JsonPropertyName("mp_deviceid")] string? MpDeviceId,
    [property: JsonPropertyName("source_info")] JsonElement? SourceInfo,
    [property: JsonPropertyName("timestamp_unixtime_ms")] long? TimestampUnixtimeMs,
    [property: JsonPropertyName("schema_version")] int? SchemaVersion);

/// <summary>One event of a batch: its type (custom_event, screen_view, commerce_event, session_start, ...) and its data.</summary>
internal sealed record EventSchema(
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("data")] JsonElement? Data);
