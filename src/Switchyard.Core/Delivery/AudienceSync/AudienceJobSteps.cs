namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// The audience job's state machine without the store: which users a running job walks next, and how what it read moves
/// it. A sync walks the current members (phase 0), then the users who still have the audience's attributes at the output
/// but are no longer members (phase 1: they left while the connection was inactive); a clean-up walks every user with
/// the audience's attributes (phase 1 only).
/// </summary>
internal static class AudienceJobSteps
{
    public static AudienceJobWalk WalkOf(AudienceJob job) =>
        job.Kind == AudienceJobKind.Sync && job.Phase == 0 ? AudienceJobWalk.Members : AudienceJobWalk.LedgerUsers;

    /// <summary>The last user the current phase queued; null before its first.</summary>
    public static long? After(AudienceJob job) => job.CursorMpid == AudienceJob.NotStarted ? null : job.CursorMpid;

    /// <summary>
    /// A clean-up reads who has the audience's attributes from the ledger. A delivery pass that planned before the
    /// connection was deactivated may still send them and record its ledger (before acknowledging its items): the walk
    /// starts once no item that such a pass could hold is left.
    /// </summary>
    public static bool WaitsForPlannedItems(AudienceJob job) => job.Kind == AudienceJobKind.CleanUp && After(job) is null;

    /// <summary>The audience whose current members the ledger walk leaves out: a sync's own (they were queued in phase 0).</summary>
    public static int? NotMemberOf(AudienceJob job) => job.Kind == AudienceJobKind.Sync ? job.AudienceId : null;

    public static string PayloadOf(AudienceJob job) =>
        job.Kind == AudienceJobKind.CleanUp ? AudienceSyncPayloads.CleanUp(job.AudienceId) : AudienceSyncPayloads.Sync;

    /// <summary>After a page of current members: on to phase 1 when there are no more.</summary>
    public static AudienceJobAdvance AfterMembers(IReadOnlyList<long> members) =>
        members.Count == 0
            ? new AudienceJobAdvance(1, AudienceJob.NotStarted, [], Finished: false, Work: 1)
            : new AudienceJobAdvance(0, members[^1], members, Finished: false, members.Count);

    /// <summary>After a page of ledger users: done when the page was not full.</summary>
    public static AudienceJobAdvance AfterLedgerUsers(AudienceJob job, IReadOnlyList<long> users, int chunk) =>
        new(1, users.Count == 0 ? job.CursorMpid : users[^1], users, Finished: users.Count < chunk, Math.Max(1, users.Count));
}
