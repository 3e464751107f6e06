namespace Switchyard.Core.Profiles;

/// <summary>One entry of the durable membership log that outputs consume: a user joined or left an audience.</summary>
/// <param name="Id">Assigned by the store when appended; increasing. 0 before it is stored.</param>
public sealed record MembershipChange(long Id, int AudienceId, long Mpid, MembershipAction Action, long AtMs);

public enum MembershipAction
{
    Add,

    Remove,
}
