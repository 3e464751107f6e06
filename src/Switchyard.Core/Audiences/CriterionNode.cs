using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>A compiled criterion: a tree of nodes evaluated without allocating.</summary>
internal abstract class CriterionNode
{
    /// <param name="membership">The audiences the profile belongs to so far in this evaluation (for member_of).</param>
    public abstract bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership);
}
