using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>Subscription groups and push tokens: validated like other fields but free of data points (§4).</summary>
internal static partial class ProfileFieldParser
{
    private static ProfileChange ParseSubscriptionGroups(JsonNode? value)
    {
        if (value is not JsonArray groups)
        {
            return ProfileChange.Fail(TrackErrors.Invalid(ProfileFieldNames.SubscriptionGroups));
        }

        var parsed = new List<(string Id, string State)>();
        foreach (var item in groups)
        {
            if (item is not JsonObject group
                || !ObjectIdentity.IsNonEmptyString(group["subscription_group_id"], out var id)
                || !ObjectIdentity.IsNonEmptyString(group["subscription_state"], out var state)
                || state is not ("subscribed" or "unsubscribed"))
            {
                return ProfileChange.Fail(TrackErrors.Invalid(ProfileFieldNames.SubscriptionGroups));
            }

            parsed.Add((id!, state));
        }

        return ProfileChange.Set(
            (user, _) =>
            {
                foreach (var (id, state) in parsed)
                {
                    user.SubscriptionGroups[id] = state;
                }
            },
            dataPoints: 0);
    }

    private static ProfileChange ParsePushTokens(JsonNode? value)
    {
        if (value is not JsonArray tokens)
        {
            return ProfileChange.Fail(TrackErrors.Invalid(ProfileFieldNames.PushTokens));
        }

        var parsed = new List<PushToken>();
        foreach (var item in tokens)
        {
            if (item is not JsonObject token
                || !ObjectIdentity.IsNonEmptyString(token["app_id"], out var appId)
                || !ObjectIdentity.IsNonEmptyString(token["token"], out var text))
            {
                return ProfileChange.Fail(TrackErrors.Invalid(ProfileFieldNames.PushTokens));
            }

            string? deviceId = null;
            if (token["device_id"] is { } deviceNode && !ObjectIdentity.IsNonEmptyString(deviceNode, out deviceId))
            {
                return ProfileChange.Fail(TrackErrors.Invalid(ProfileFieldNames.PushTokens));
            }

            parsed.Add(new PushToken(appId!, text!, deviceId));
        }

        return ProfileChange.Set(
            (user, _) =>
            {
                foreach (var token in parsed)
                {
                    user.PushTokens.RemoveAll(t => t.AppId == token.AppId && t.Token == token.Token);
                    user.PushTokens.Add(token);
                }
            },
            dataPoints: 0);
    }
}
