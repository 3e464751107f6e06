using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Folds an anonymous profile into the known profile it turned out to be. Every timestamped field merges
/// last-writer-wins (on a tie the known profile keeps its value), identities the target lacks move over, event
/// histories add up. Audience membership is not merged: the target is re-evaluated afterwards.
/// </summary>
internal static class ProfileMerge
{
    public static void Into(Profile target, Profile source)
    {
        foreach (var (name, attribute) in source.Attributes)
        {
            if (!target.Attributes.TryGetValue(name, out var held) || held.UpdatedAtMs < attribute.UpdatedAtMs)
            {
                target.Attributes[name] = attribute;
            }
        }

        foreach (var (key, value) in source.UserIdentities)
        {
            target.UserIdentities.TryAdd(key, value);
        }

        foreach (var (field, value) in source.DeviceIdentities)
        {
            target.DeviceIdentities.TryAdd(field, value);
        }

        foreach (var (slot, token) in source.PushTokens)
        {
            if (!target.PushTokens.TryGetValue(slot, out var held) || held.UpdatedAtMs < token.UpdatedAtMs)
            {
                target.PushTokens[slot] = token;
            }
        }

        foreach (var (purpose, consent) in source.Consent)
        {
            if (!target.Consent.TryGetValue(purpose, out var held) || held.UpdatedAtMs < consent.UpdatedAtMs)
            {
                target.Consent[purpose] = consent;
            }
        }

        // The device fields travel together: the newer snapshot wins whole.
        if (source.Device.Count > 0 && source.DeviceUpdatedAtMs > target.DeviceUpdatedAtMs)
        {
            target.Device = source.Device;
            target.DeviceUpdatedAtMs = source.DeviceUpdatedAtMs;
        }

        if (source.FirstSeenMs != 0 && (target.FirstSeenMs == 0 || source.FirstSeenMs < target.FirstSeenMs))
        {
            target.FirstSeenMs = source.FirstSeenMs;
        }

        target.LastSeenMs = Math.Max(target.LastSeenMs, source.LastSeenMs);

        foreach (var (key, stats) in source.Events)
        {
            if (!target.Events.TryGetValue(key, out var held))
            {
                target.Events[key] = stats;
                continue;
            }

            held.FirstMs = Math.Min(held.FirstMs, stats.FirstMs);
            held.LastMs = Math.Max(held.LastMs, stats.LastMs);
            held.TotalCount += stats.TotalCount;
            held.Recent = [.. held.Recent.Concat(stats.Recent).OrderBy(o => o.AtMs)];
        }
    }
}
