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
            DateTimeOffset.FromUnixTimeMilliseconds(profile.FirstSeenMs),
            DateTimeOffset.FromUnixTimeMilliseconds(profile.LastSeenMs),
            [.. profile.Audiences.Select(id => new AudienceReference(id, audienceName(id)))],
            [.. profile.Events.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new EventSummaryView(
                e.Key,
                DateTimeOffset.FromUnixTimeMilliseconds(e.Value.FirstMs),
                DateTimeOffset.FromUnixTimeMilliseconds(e.Value.LastMs),
                e.Value.TotalCount,
                e.Value.Recent.Count))]);
    }

    private static JsonNode? ValueOf(StoredAttribute attribute) => attribute.Kind switch
    {
        AttributeValueKind.Null => null,
        AttributeValueKind.Boolean => JsonValue.Create(attribute.Text == "true"),
        AttributeValueKind.Number when double.TryParse(attribute.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        AttributeValueKind.StringList => new JsonArray([.. (attribute.List ?? []).Select(v => (JsonNode?)JsonValue.Create(v))]),
        _ => JsonValue.Create(attribute.Text),
    };
}
