using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>
/// A user identity, or a device identity by its device_info field: without a test, true when the profile holds it; with
/// one, its value compared (mParticle's identity criteria test "the format and presence" of identities).
/// </summary>
internal sealed class IdentityNode(string key, bool device, ValueTest? test) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership)
    {
        var identities = device ? profile.DeviceIdentities : profile.UserIdentities;
        var present = identities.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value);
        return test is null ? present : test.Matches(present, present ? value : null, null, nowMs);
    }

    public override long NextChangeMs(Profile profile, long nowMs) =>
        test is { IsRelative: true } && (device ? profile.DeviceIdentities : profile.UserIdentities).TryGetValue(key, out var value)
            ? test.NextChangeMs(value, nowMs)
            : long.MaxValue;
}
