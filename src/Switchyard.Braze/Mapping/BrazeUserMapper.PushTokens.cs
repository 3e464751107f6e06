using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>Push tokens (reference/mparticle.md §2.3: only the latest token per user and app).</summary>
public static partial class BrazeUserMapper
{
    /// <summary>
    /// The batch's latest registered token — from <c>push_registration</c> events at their time and
    /// <c>device_info.push_token</c> at the batch time — when the batch's platform is the API key's operating system
    /// (any platform when none is configured). Unregistering the held token clears it (Braze has no token removal
    /// in <c>/users/track</c>, so nothing is sent). Needs the App Identifier key as <c>app_id</c>.
    /// </summary>
    private static BrazePushToken? PushToken(MappingRun run)
    {
        var batch = run.Batch;
        if (run.Settings.ApiKeyOperatingSystem is { } os && PushPlatforms.Of(batch) != os)
        {
            return null;
        }

        string? token = null;
        var heldAt = DateTimeOffset.MinValue;
        foreach (var e in batch.Events)
        {
            if (e.Data is PushRegistrationEventData { RegistrationToken: { Length: > 0 } registered } registration)
            {
                var at = run.TimeOf(registration);
                if (registration.Register == false)
                {
                    if (token == registered && at >= heldAt)
                    {
                        token = null;
                    }
                }
                else if (at >= heldAt)
                {
                    token = registered;
                    heldAt = at;
                }
            }
        }

        if (batch.DeviceInfo?.PushToken is { Length: > 0 } deviceToken && run.BatchTime >= heldAt)
        {
            token = deviceToken;
        }

        if (token is null)
        {
            return null;
        }

        if (run.Settings.AppIdentifierApiKey is not { } appId)
        {
            run.Warn(BrazeWarningKind.PushTokenWithoutAppId, "push_tokens", run.Settings.ApiKeyOperatingSystem?.ToString() ?? "");
            return null;
        }

        return new BrazePushToken(appId, token);
    }
}
