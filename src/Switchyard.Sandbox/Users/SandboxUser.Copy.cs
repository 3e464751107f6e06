namespace Switchyard.Sandbox.Users;

/// <summary>Deep copies, for snapshots handed outside the store lock.</summary>
internal sealed partial class SandboxUser
{
    public SandboxUser DeepClone()
    {
        var copy = new SandboxUser(BrazeId, CreatedAt) { ExternalId = ExternalId, UpdatedAt = UpdatedAt, SessionCount = SessionCount };
        copy.DeprecatedExternalIds.AddRange(DeprecatedExternalIds);
        foreach (var (label, name) in Aliases)
        {
            copy.Aliases[label] = name;
        }

        foreach (var (key, value) in Profile)
        {
            copy.Profile[key] = value.DeepClone();
        }

        foreach (var (key, value) in CustomAttributes)
        {
            copy.CustomAttributes[key] = value.DeepClone();
        }

        foreach (var (name, stats) in CustomEvents)
        {
            copy.CustomEvents[name] = stats;
        }

        copy.Purchases.AddRange(Purchases.Select(p => p.DeepClone()));
        copy.PushTokens.AddRange(PushTokens);
        foreach (var (group, state) in SubscriptionGroups)
        {
            copy.SubscriptionGroups[group] = state;
        }

        return copy;
    }
}
