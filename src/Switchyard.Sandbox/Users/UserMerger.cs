namespace Switchyard.Sandbox.Users;

/// <summary>
/// Braze's merge rules for /users/identify and /users/merge (reference/braze.md §2): fields that only the merged
/// profile has move across, event and purchase history is combined (counts summed, earliest first / latest last kept),
/// then the merged profile is deleted.
/// </summary>
internal static class UserMerger
{
    public static void MergeInto(UserWriteSession session, SandboxUser from, SandboxUser into)
    {
        foreach (var (key, value) in from.Profile)
        {
            into.Profile.TryAdd(key, value.DeepClone());
        }

        foreach (var (key, value) in from.CustomAttributes)
        {
            into.CustomAttributes.TryAdd(key, value.DeepClone());
        }

        foreach (var (name, stats) in from.CustomEvents)
        {
            into.CustomEvents[name] = into.CustomEvents.TryGetValue(name, out var existing) ? existing.Combine(stats) : stats;
        }

        into.Purchases.AddRange(from.Purchases.Select(p => p.DeepClone()));
        foreach (var token in from.PushTokens)
        {
            if (!into.PushTokens.Any(t => t.AppId == token.AppId && t.Token == token.Token))
            {
                into.PushTokens.Add(token);
            }
        }

        foreach (var (group, state) in from.SubscriptionGroups)
        {
            into.SubscriptionGroups.TryAdd(group, state);
        }

        if (from.CreatedAt < into.CreatedAt)
        {
            into.CreatedAt = from.CreatedAt;
        }

        var aliases = from.Aliases.Select(a => new UserAlias(a.Key, a.Value)).ToList();
        session.Delete(from);
        foreach (var alias in aliases)
        {
            session.TryAddAlias(into, alias);
        }

        session.Touch(into);
    }
}
