using System.Text.Json;

namespace Switchyard.Core.Ingest.Currents;

/// <summary>
/// One validated event of a Custom HTTP connector request (reference/braze.md §6). <see cref="Properties"/> points into
/// the request's parsed document and is valid only while that document is.
/// </summary>
internal sealed record CurrentsEvent(
    int Index,
    string EventType,
    string Id,
    long TimestampUnixtimeMs,
    string? UserId,
    string? ExternalUserId,
    string? DeviceId,
    string? Timezone,
    JsonElement? Properties);
