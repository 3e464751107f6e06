using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Admin;

/// <summary>Turns a stored profile into its admin view.</summary>
internal static class ProfileViews
{
    public static ProfileView From(Profile profile, Func<int, string?> audienceName)
    {
        var attributes = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, attribute) in profile.Attributes)
        {
            if (!attribute.Deleted)
            {
                attributes[name] = ValueOf(attribute);
            }
        }

        return new ProfileView(
            profile.Mpid.ToString(CultureInfo.InvariantCulture),
            new SortedDictionary<string, string>(profile.UserIdentities, StringComparer.Ordinal),
            new SortedDictionary<string, string>(profile.DeviceIdentities, StringComparer.Ordinal),
            attributes,
            profile.PushTokens.ToDictionary(p => p.Key, p => p.Value.Token, StringComparer.Ordinal),
            profile.Consent.ToDictionary(c => c.Key, c => c.Value.Consented, StringComparer.Ordinal),
            Time(profile.FirstSeenMs),
            Time(profile.LastSeenMs),
            [.. profile.Audiences.Select(id => new AudienceReference(id, audienceName(id)))],
            [.. profile.Events.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new EventSummaryView(
                e.Key,
                Time(e.Value.FirstMs),
                Time(e.Value.LastMs),
                e.Value.TotalCount,
                e.Value.Recent.Count))]);
    }

    /// <summary>Stored times are clamped on the way in; this keeps the view safe whatever a store holds.</summary>
    private static DateTimeOffset Time(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, DateTimeOffset.MinValue.ToUnixTimeMilliseconds(), DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));

    private static JsonNode? ValueOf(StoredAttribute attribute) => attribute.Kind switch
    {
        AttributeValueKind.Null => null,
        AttributeValueKind.Boolean => JsonValue.Create(attribute.Text == "true"),
        // The number as it was sent (exact for 64-bit ids); a value no JSON number can carry is shown as text.
        AttributeValueKind.Number when double.TryParse(attribute.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            => JsonNode.Parse(attribute.Text!),
        AttributeValueKind.StringList => new JsonArray([.. (attribute.List ?? []).Select(v => (JsonNode?)JsonValue.Create(v))]),
        _ => JsonValue.Create(attribute.Text),
    };
}
