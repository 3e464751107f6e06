using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>True when the profile holds this identity (a user identity, or a device identity by its device_info field).</summary>
internal sealed class IdentityNode(string key, bool device) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership) =>
        device ? HasValue(profile.DeviceIdentities, key) : HasValue(profile.UserIdentities, key);

    private static bool HasValue(Dictionary<string, string> identities, string key) =>
        identities.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value);
}
