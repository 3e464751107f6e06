using System.Text.Json;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>Profiles to and from the documents in the <c>profiles</c> table, and the rows kept beside a document.</summary>
internal static class ProfileDocuments
{
    public static string Serialize(Profile profile) => JsonSerializer.Serialize(profile, ProfileJsonContext.Default.Profile);

    /// <summary>A new object graph on every call: that is what makes each loaded profile a copy of its own.</summary>
    public static Profile Deserialize(string document) =>
        JsonSerializer.Deserialize(document, ProfileJsonContext.Default.Profile)
        ?? throw new InvalidDataException("A stored profile document is the JSON literal null.");

    /// <summary>
    /// The <c>identities</c> rows of a profile: user identities under their wire name, device identities under
    /// <see cref="IdentityKeys.Device"/>. An identity without a value is refused.
    /// </summary>
    public static HashSet<IdentityLink> IdentitiesOf(Profile profile)
    {
        var links = new HashSet<IdentityLink>();
        foreach (var (key, value) in profile.UserIdentities)
        {
            links.Add(new(key, value ?? throw new ArgumentException($"User identity '{key}' has no value.", nameof(profile))));
        }

        foreach (var (field, value) in profile.DeviceIdentities)
        {
            links.Add(new(IdentityKeys.Device(field), value ?? throw new ArgumentException($"Device identity '{field}' has no value.", nameof(profile))));
        }

        return links;
    }
}
