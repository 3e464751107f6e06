using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>A device field of the profile's latest batch (<see cref="Profile.Device"/>), compared as a value.</summary>
internal sealed class DeviceNode(string field, ValueTest test) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership)
    {
        var present = profile.Device.TryGetValue(field, out var value);
        return test.Matches(present, value, null, nowMs);
    }

    public override long NextChangeMs(Profile profile, long nowMs) =>
        test.IsRelative && profile.Device.TryGetValue(field, out var value) ? test.NextChangeMs(value, nowMs) : long.MaxValue;
}
