using Switchyard.Core.Audiences;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Re-evaluates a profile's audiences and turns the difference with its stored membership into log entries, so outputs
/// see joins and leaves in the order they happened.
/// </summary>
internal static class MembershipUpdate
{
    /// <summary>Appends one change per audience joined or left, updates <see cref="Profile.Audiences"/>; true if any.</summary>
    public static bool Apply(IProfileSession session, Profile profile, IAudienceEvaluator audiences, long nowMs, List<MembershipChange> changes)
    {
        var now = audiences.Evaluate(profile, nowMs);
        var before = changes.Count;
        foreach (var left in profile.Audiences.Where(id => !now.Contains(id)).ToList())
        {
            Append(session, changes, new MembershipChange(0, left, profile.Mpid, MembershipAction.Remove, nowMs));
            profile.Audiences.Remove(left);
        }

        foreach (var joined in now.Where(id => !profile.Audiences.Contains(id)).Order())
        {
            Append(session, changes, new MembershipChange(0, joined, profile.Mpid, MembershipAction.Add, nowMs));
            profile.Audiences.Add(joined);
        }

        return changes.Count > before;
    }

    /// <summary>A profile merged away leaves all its audiences (its MPID no longer exists).</summary>
    public static void LeaveAll(IProfileSession session, Profile profile, long nowMs, List<MembershipChange> changes)
    {
        foreach (var id in profile.Audiences)
        {
            Append(session, changes, new MembershipChange(0, id, profile.Mpid, MembershipAction.Remove, nowMs));
        }

        profile.Audiences.Clear();
    }

    private static void Append(IProfileSession session, List<MembershipChange> changes, MembershipChange change)
    {
        session.AppendMembershipChange(change);
        changes.Add(change);
    }
}
