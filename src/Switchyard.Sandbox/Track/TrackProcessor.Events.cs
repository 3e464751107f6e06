using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>Event objects (reference/braze.md §1.4): each is a distinct event, 1 data point each (§4).</summary>
internal static partial class TrackProcessor
{
    private const int MaxNameLength = 255;

    private static string? ProcessEvent(UserWriteSession session, JsonObject obj)
    {
        if (ObjectIdentity.TryParse(obj, out var identity) is { } identityError)
        {
            return identityError;
        }

        if (obj["name"] is null)
        {
            return TrackErrors.Required("name");
        }

        if (!ObjectIdentity.IsNonEmptyString(obj["name"], out var name) || name!.Length > MaxNameLength)
        {
            return TrackErrors.Invalid("name");
        }

        string? error;
        if ((error = ParseTime(session, obj, out var time)) is not null
            || (error = ParseAppId(obj, out _)) is not null
            || (error = EventProperties.Validate(obj["properties"], out _)) is not null)
        {
            return error;
        }

        if (identity!.Resolve(session) is not { } user)
        {
            return null;
        }

        user.CustomEvents[name] = user.CustomEvents.TryGetValue(name, out var stats)
            ? stats.Record(time)
            : new EventStats(time, time, 1);
        session.DataPoints.Events++;
        session.Touch(user);
        return null;
    }
}
