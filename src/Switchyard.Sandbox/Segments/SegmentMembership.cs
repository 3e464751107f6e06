namespace Switchyard.Sandbox.Segments;

/// <summary>Evaluates a filter tree against a snapshot of every sandbox user.</summary>
internal static class SegmentMembership
{
    public static IReadOnlyList<SegmentMember> Evaluate(SegmentNode filter, ISandboxUserDirectory users, DateTimeOffset now) =>
        users.SnapshotUsers()
            .Where(user => filter.Matches(user, now))
            .Select(user => new SegmentMember(user.BrazeId, user.ExternalId))
            .ToList();
}
