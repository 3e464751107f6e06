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
        // Most evaluations change nothing, so the lists of ids left and joined are only made when there is one.
        List<int>? left = null;
        foreach (var id in profile.Audiences)
        {
            if (!now.Contains(id))
            {
                (left ??= []).Add(id);
            }
        }

        if (left is not null)
        {
            foreach (var id in left)
            {
                Append(session, changes, new MembershipChange(0, id, profile.Mpid, MembershipAction.Remove, nowMs));
                profile.Audiences.Remove(id);
            }
        }

        List<int>? joined = null;
        foreach (var id in now)
        {
            if (!profile.Audiences.Contains(id))
            {
                (joined ??= []).Add(id);
            }
        }

        if (joined is not null)
        {
            joined.Sort();
            foreach (var id in joined)
            {
                Append(session, changes, new MembershipChange(0, id, profile.Mpid, MembershipAction.Add, nowMs));
                profile.Audiences.Add(id);
            }
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
