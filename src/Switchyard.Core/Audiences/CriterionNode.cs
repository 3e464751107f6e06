using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>A compiled criterion: a tree of nodes evaluated without allocating.</summary>
internal abstract class CriterionNode
{
    /// <param name="membership">The audiences the profile belongs to so far in this evaluation (for member_of).</param>
    public abstract bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership);

    /// <summary>
    /// The earliest time after <paramref name="nowMs"/> at which <see cref="Matches"/> could answer differently for this
    /// profile with no new data (a recency window closing, a date coming within range); <see cref="long.MaxValue"/> when
    /// only new data can change it. It may be early (a wasted re-evaluation), never late.
    /// </summary>
    public virtual long NextChangeMs(Profile profile, long nowMs) => long.MaxValue;
}
