using System.Text.Json.Serialization;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// One Currents event as the mParticle Events-API batch Braze's mParticle export sends (reference/mparticle.md §5):
/// one user, one event, no user attributes.
/// </summary>
internal sealed record CurrentsBatch(
    int SchemaVersion,
    string Environment,
    CurrentsUserIdentities UserIdentities,
    IReadOnlyDictionary<string, string> UserAttributes,
    CurrentsDeviceInfo DeviceInfo,
    IReadOnlyList<CurrentsEvent> Events);

/// <summary><c>customerid</c> is the external_user_id, spelled as Braze sends it (reference/mparticle.md §1.5).</summary>
internal sealed record CurrentsUserIdentities(
    [property: JsonPropertyName("customerid")] string CustomerId,
    string? Email);

/// <summary>Only the platform of push events; email events carry an empty object.</summary>
internal sealed record CurrentsDeviceInfo(string? Platform);

internal sealed record CurrentsEvent(string EventType, CurrentsEventData Data);

internal sealed record CurrentsEventData(
    string EventName,
    string CustomEventType,
    string SourceMessageId,
    long TimestampUnixtimeMs,
    IReadOnlyDictionary<string, string> CustomAttributes);
