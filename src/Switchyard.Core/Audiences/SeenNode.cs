using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>When the user was first or last seen (<see cref="Profile.FirstSeenMs"/>, <see cref="Profile.LastSeenMs"/>; 0 = never).</summary>
internal sealed class SeenNode(bool first, ValueTest test) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership)
    {
        var atMs = first ? profile.FirstSeenMs : profile.LastSeenMs;
        return test.MatchesInstant(atMs != 0, atMs, nowMs);
    }

    public override long NextChangeMs(Profile profile, long nowMs)
    {
        var atMs = first ? profile.FirstSeenMs : profile.LastSeenMs;
        return atMs == 0 ? long.MaxValue : test.NextChangeMs(atMs, nowMs);
    }
}
