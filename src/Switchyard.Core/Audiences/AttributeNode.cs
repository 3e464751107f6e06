using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>A user attribute condition. A tombstone (<see cref="StoredAttribute.Deleted"/>) counts as missing.</summary>
/// <param name="name">Already canonical for reserved names, matching how profiles store them.</param>
internal sealed class AttributeNode(string name, ValueTest test) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership)
    {
        if (profile.Attributes.TryGetValue(name, out var attribute) && !attribute.Deleted)
        {
            return test.Matches(true, attribute.Text, attribute.List, nowMs);
        }

        return test.Matches(false, null, null, nowMs);
    }

    public override long NextChangeMs(Profile profile, long nowMs) =>
        test.IsRelative && profile.Attributes.TryGetValue(name, out var attribute) && !attribute.Deleted
            ? test.NextChangeMs(attribute.Text, nowMs)
            : long.MaxValue;
}
