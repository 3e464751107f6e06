using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Keeps the latest push token per platform, as Braze does (reference/mparticle.md §2.3: only the latest token per user
/// and app). Tokens come from <c>device_info.push_token</c> (§1.6) at the batch write time and from
/// <c>push_registration</c> events (§1.3) at their own time; an unregistration removes the token it names.
/// </summary>
internal static class PushTokenUpdates
{
    public static void Apply(Profile profile, Batch batch, long writeMs, long receivedAtMs)
    {
        var slot = WireNames.PushSlot(batch);
        foreach (var e in batch.Events)
        {
            if (e.Data is not PushRegistrationEventData { RegistrationToken: { Length: > 0 } token } registration)
            {
                continue;
            }

            var atMs = ClientTime.Of(registration.TimestampUnixtimeMs, writeMs, receivedAtMs);
            if (registration.Register == false)
            {
                // No tombstone: StoredPushToken has no "unregistered" state, and an empty token would reach outputs.
                if (profile.PushTokens.TryGetValue(slot, out var held) && held.Token == token && held.UpdatedAtMs <= atMs)
                {
                    profile.PushTokens.Remove(slot);
                }
            }
            else
            {
                Set(profile, slot, token, atMs);
            }
        }

        if (batch.DeviceInfo?.PushToken is { Length: > 0 } deviceToken)
        {
            Set(profile, slot, deviceToken, writeMs);
        }
    }

    private static void Set(Profile profile, string slot, string token, long atMs)
    {
        if (profile.PushTokens.TryGetValue(slot, out var held) && held.UpdatedAtMs > atMs)
        {
            return;
        }

        profile.PushTokens[slot] = new StoredPushToken { Token = token, UpdatedAtMs = atMs };
    }
}
