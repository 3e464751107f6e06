namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// Splits a pass's claim into groups that may be delivered side by side without breaking per-user order: every item of
/// a user lands in the same group, in claim order, so no two requests in flight ever carry the same user.
/// </summary>
internal static class RequestGroups
{
    /// <summary>
    /// How many groups a claim of <paramref name="claimed"/> items gets: in proportion to how full the claim is, so a
    /// full claim is split <paramref name="maxInFlight"/> ways while a claim of a few items (the backlog drained) stays
    /// one group and packs into as few requests as before; never more groups than users.
    /// </summary>
    public static int CountFor(int claimed, int users, int claimLimit, int maxInFlight)
    {
        var share = (int)Math.Ceiling((double)claimed * maxInFlight / claimLimit);
        return Math.Max(1, Math.Min(Math.Min(share, maxInFlight), users));
    }

    /// <summary>
    /// Up to <paramref name="maxInFlight"/> groups (see <see cref="CountFor"/>): users in order of their first item, each
    /// to the group with the fewest items so far, whole; items inside a group keep claim order. No empty groups.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<OutboxItem>> Split(IReadOnlyList<OutboxItem> items, int claimLimit, int maxInFlight)
    {
        ArgumentNullException.ThrowIfNull(items);
        var perUser = new Dictionary<long, int>();
        foreach (var item in items)
        {
            perUser[item.Mpid] = perUser.GetValueOrDefault(item.Mpid) + 1;
        }

        var count = CountFor(items.Count, perUser.Count, claimLimit, maxInFlight);
        if (count == 1)
        {
            return [items];
        }

        var groups = new List<OutboxItem>[count];
        for (var i = 0; i < count; i++)
        {
            groups[i] = [];
        }

        var sizes = new int[count];
        var groupOf = new Dictionary<long, int>(perUser.Count);
        foreach (var item in items)
        {
            if (!groupOf.TryGetValue(item.Mpid, out var group))
            {
                group = 0;
                for (var i = 1; i < count; i++)
                {
                    if (sizes[i] < sizes[group])
                    {
                        group = i;
                    }
                }

                groupOf[item.Mpid] = group;
                sizes[group] += perUser[item.Mpid];
            }

            groups[group].Add(item);
        }

        return groups;
    }
}
