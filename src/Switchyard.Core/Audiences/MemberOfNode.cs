using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>
/// Audience membership, read from the membership computed so far in this evaluation: the referenced audience cannot
/// use member_of itself, so the catalog has already decided it (the new membership, not the last recorded one).
/// </summary>
internal sealed class MemberOfNode(int audienceId) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership) => membership.Contains(audienceId);
}
