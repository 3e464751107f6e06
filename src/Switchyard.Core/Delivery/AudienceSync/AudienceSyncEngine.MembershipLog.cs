namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>Following the membership log: real-time changes of the audiences an output has active connections to.</summary>
public sealed partial class AudienceSyncEngine
{
    private async Task<int> FollowLogAsync(string outputId, CancellationToken cancellationToken)
    {
        var position = await _sync.MembershipTailAsync(outputId, cancellationToken).ConfigureAwait(false) ?? 0;
        var changes = await _profiles.ReadMembershipChangesAsync(position, _options.TailChunk, cancellationToken).ConfigureAwait(false);
        if (changes.Count == 0)
        {
            return 0;
        }

        var active = (await _connected.OfAsync(outputId, cancellationToken).ConfigureAwait(false))
            .Where(c => c.Active)
            .Select(c => c.AudienceId)
            .ToHashSet();

        // One sync item per user, however many of their changes the chunk holds: the item sends the profile as it is.
        var users = changes.Where(c => active.Contains(c.AudienceId)).Select(c => c.Mpid).Distinct();
        await _sync.AdvanceMembershipTailAsync(outputId, changes[^1].Id, Entries(outputId, users, AudienceSyncPayloads.Sync, NowMs), cancellationToken)
            .ConfigureAwait(false);
        return changes.Count;
    }
}
