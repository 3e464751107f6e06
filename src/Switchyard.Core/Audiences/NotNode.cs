using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>mParticle's "exclude".</summary>
internal sealed class NotNode(CriterionNode inner) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership) =>
        !inner.Matches(profile, nowMs, membership);

    public override long NextChangeMs(Profile profile, long nowMs) => inner.NextChangeMs(profile, nowMs);
}
