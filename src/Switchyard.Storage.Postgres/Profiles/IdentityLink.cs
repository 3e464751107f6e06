namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>One row of the <c>identities</c> table's key: an identity (<see cref="Core.Profiles.IdentityKeys"/>) and its value.</summary>
internal readonly record struct IdentityLink(string Key, string Value)
{
    /// <summary>The rows of a profile's identities (<see cref="Core.Profiles.ProfileDocuments.Identities"/>).</summary>
    public static HashSet<IdentityLink> Of(Core.Profiles.Profile profile) =>
        [.. Core.Profiles.ProfileDocuments.Identities(profile).Select(link => new IdentityLink(link.Key, link.Value))];
}
