using System.Text.Json.Nodes;

namespace Switchyard.Admin;

/// <summary>
/// A profile as the admin API shows it. <c>mpid</c> is a string because 64-bit ids lose precision as JSON numbers
/// in JavaScript clients. Deleted attributes are left out; a user tag shows as <c>null</c>.
/// </summary>
internal sealed record ProfileView(
    string Mpid,
    IReadOnlyDictionary<string, string> UserIdentities,
    IReadOnlyDictionary<string, string> DeviceIdentities,
    IReadOnlyDictionary<string, JsonNode?> Attributes,
    IReadOnlyDictionary<string, string> PushTokens,
    IReadOnlyDictionary<string, bool> Consent,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<AudienceReference> Audiences,
    IReadOnlyList<EventSummaryView> Events);

internal sealed record AudienceReference(int Id, string? Name);

/// <summary>One event key's summary: first and last time, all-time count, and occurrences within the retention window.</summary>
internal sealed record EventSummaryView(string Key, DateTimeOffset First, DateTimeOffset Last, long Total, int Recent);
