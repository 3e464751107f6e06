namespace Switchyard.Sandbox.Users;

/// <summary>Braze's tie-break rules for email and phone lookups (reference/braze.md §1.2, §2 prioritization).</summary>
internal sealed partial class UserWriteSession
{
    /// <summary>
    /// /users/track by email or phone: the most recently updated profile with an external_id wins, otherwise the most
    /// recently updated one (§1.2).
    /// </summary>
    public static SandboxUser? PickForTrack(IReadOnlyList<SandboxUser> candidates) =>
        candidates.Where(u => u.ExternalId is not null).MaxBy(u => u.UpdatedAt)
        ?? candidates.MaxBy(u => u.UpdatedAt);

    /// <summary>
    /// Applies a <c>prioritization</c> list (§2): <c>identified</c>/<c>unidentified</c> filter, then
    /// <c>most_recently_updated</c>/<c>least_recently_updated</c> pick. If several users still match, nothing is chosen.
    /// </summary>
    public static SandboxUser? PickByPrioritization(IReadOnlyList<SandboxUser> candidates, IReadOnlyList<string> prioritization)
    {
        IEnumerable<SandboxUser> pool = candidates;
        foreach (var rule in prioritization)
        {
            var list = pool.ToList();
            pool = rule switch
            {
                "identified" => list.Where(u => u.ExternalId is not null),
                "unidentified" => list.Where(u => u.ExternalId is null),
                "most_recently_updated" => list.Count == 0 ? list : [list.MaxBy(u => u.UpdatedAt)!],
                "least_recently_updated" => list.Count == 0 ? list : [list.MinBy(u => u.UpdatedAt)!],
                _ => list,
            };
        }

        var remaining = pool.ToList();
        return remaining.Count == 1 ? remaining[0] : null;
    }
}
