using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>What processing one batch (or re-evaluating one profile) did.</summary>
/// <param name="Mpid">The profile the batch was applied to.</param>
/// <param name="CreatedProfile">True when identity resolution found no profile and made one.</param>
/// <param name="Conflict">True when the batch named a known user other than the one it was applied to.</param>
/// <param name="Changes">The membership changes appended to the session, in order (ids are 0 until committed).</param>
public sealed record ProcessOutcome(long Mpid, bool CreatedProfile, bool Conflict, IReadOnlyList<MembershipChange> Changes)
{
    /// <summary>
    /// A user identity of the profile was added or changed while it is a member of some audience: outputs that identify
    /// users by an identity (audience sync to Braze by external id) must send the membership again under it.
    /// </summary>
    public bool MemberIdentityChanged { get; init; }
}
