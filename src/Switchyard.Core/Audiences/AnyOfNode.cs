using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

internal sealed class AnyOfNode(CriterionNode[] children) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership)
    {
        foreach (var child in children)
        {
            if (child.Matches(profile, nowMs, membership))
            {
                return true;
            }
        }

        return false;
    }

    public override long NextChangeMs(Profile profile, long nowMs)
    {
        var next = long.MaxValue;
        foreach (var child in children)
        {
            next = Math.Min(next, child.NextChangeMs(profile, nowMs));
        }

        return next;
    }
}
