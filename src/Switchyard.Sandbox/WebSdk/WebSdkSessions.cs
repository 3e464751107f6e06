using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// Session starts (<c>ss</c>): counted per user and kept as the profile's first and last session dates. Free of data
/// points, as Braze bills attributes, events and purchases, not sessions.
/// </summary>
internal static class WebSdkSessions
{
    public static WebSdkFieldError? Record(UserWriteSession session, WebSdkSessionStart start)
    {
        if (ObjectIdentity.TryParse(start.Identity, out var identity) is { } error)
        {
            return new WebSdkFieldError(start.Source, "was refused: " + error);
        }

        if (identity!.Resolve(session) is not { } user)
        {
            return null;
        }

        var time = BrazeTime.Clamp(start.Time, session.Now);
        user.SessionCount++;
        if (!user.Profile.TryGetValue(ProfileFieldNames.DateOfFirstSession, out var first) || time < Stored(first))
        {
            user.Profile[ProfileFieldNames.DateOfFirstSession] = JsonValue.Create(BrazeTime.Format(time));
        }

        if (!user.Profile.TryGetValue(ProfileFieldNames.DateOfLastSession, out var last) || time > Stored(last))
        {
            user.Profile[ProfileFieldNames.DateOfLastSession] = JsonValue.Create(BrazeTime.Format(time));
        }

        session.Touch(user);
        return null;
    }

    /// <summary>Session dates are stored in the canonical form by both this and /users/track.</summary>
    private static DateTimeOffset Stored(JsonNode date) => BrazeTime.ParseCanonical(date.GetValue<string>());
}
