using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Applies a /users/track body inside one store write: attributes, then events, then purchases (reference/braze.md
/// §1.1). Each object is validated on its own; an invalid one is reported and skipped, the rest are applied (§1.7).
/// </summary>
internal static partial class TrackProcessor
{
    public static TrackOutcome Process(UserWriteSession session, JsonArray? attributes, JsonArray? events, JsonArray? purchases)
    {
        var outcome = new TrackOutcome();
        Each(attributes, TrackArrays.Attributes, outcome, o => ProcessAttributes(session, o), () => outcome.AttributesProcessed++);
        Each(events, TrackArrays.Events, outcome, o => ProcessEvent(session, o), () => outcome.EventsProcessed++);
        Each(purchases, TrackArrays.Purchases, outcome, o => ProcessPurchase(session, o), () => outcome.PurchasesProcessed++);
        return outcome;
    }

    private static void Each(JsonArray? items, string arrayName, TrackOutcome outcome, Func<JsonObject, string?> process, Action processed)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var error = items[i] is JsonObject obj ? process(obj) : TrackErrors.NotAnObject;
            if (error is null)
            {
                processed();
            }
            else
            {
                outcome.Errors.Add(new ObjectError(error, arrayName, i));
            }
        }
    }

    /// <summary>Event and purchase <c>time</c>: required, one of the §1.5 formats, clamped to now if in the future.</summary>
    private static string? ParseTime(UserWriteSession session, JsonObject obj, out DateTimeOffset time)
    {
        time = default;
        if (obj["time"] is not { } node || node.GetValueKind() == JsonValueKind.Null)
        {
            return TrackErrors.Required("time");
        }

        if (!ObjectIdentity.IsNonEmptyString(node, out var text) || !BrazeTime.TryParse(text!, out var parsed))
        {
            return TrackErrors.Invalid("time");
        }

        time = BrazeTime.Clamp(parsed, session.Now);
        return null;
    }

    private static string? ParseAppId(JsonObject obj, out string? appId)
    {
        appId = null;
        if (obj["app_id"] is { } node && node.GetValueKind() != JsonValueKind.Null && !ObjectIdentity.IsNonEmptyString(node, out appId))
        {
            return TrackErrors.Invalid("app_id");
        }

        return null;
    }
}
