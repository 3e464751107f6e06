using System.Text.Json.Nodes;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Users;

/// <summary>
/// One sandbox user profile. Not thread-safe by itself: it is only touched under the <see cref="UserStore"/> lock,
/// and segment evaluation gets deep copies.
/// </summary>
internal sealed partial class SandboxUser(string brazeId, DateTimeOffset createdAt) : ISegmentSubject
{
    public string BrazeId { get; } = brazeId;

    public string? ExternalId { get; set; }

    /// <summary>
    /// Former external ids kept by <c>/users/external_ids/rename</c>: the user is still found by each of them until
    /// <c>/users/external_ids/remove</c> drops it. Oldest first.
    /// </summary>
    public List<string> DeprecatedExternalIds { get; } = [];

    /// <summary>Alias name by alias label.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Standard profile fields by Braze name (<c>first_name</c>, <c>dob</c>, ...); absent = not set.</summary>
    public Dictionary<string, JsonNode> Profile { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonNode> CustomAttributes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EventStats> CustomEvents { get; } = new(StringComparer.Ordinal);

    public List<PurchaseRecord> Purchases { get; } = [];

    public List<PushToken> PushTokens { get; } = [];

    /// <summary>Subscription state (<c>subscribed</c>/<c>unsubscribed</c>) by subscription group id.</summary>
    public Dictionary<string, string> SubscriptionGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>Sessions the Braze Web SDK started for this user (<c>ss</c> events); exported in <c>apps</c>.</summary>
    public long SessionCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public string? Email => Profile.TryGetValue(ProfileFieldNames.Email, out var email) ? email.GetValue<string>() : null;

    public string? Phone => Profile.TryGetValue(ProfileFieldNames.Phone, out var phone) ? phone.GetValue<string>() : null;
}
