using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>Events → Braze events, purchases and the email subscription (reference/mparticle.md §2.3).</summary>
public static partial class BrazeUserMapper
{
    /// <summary>Property names Braze refuses (reference/braze.md §1.4).</summary>
    private static readonly HashSet<string> ReservedPropertyNames = new(StringComparer.Ordinal) { "time", "event_name" };

    private static void MapEvents(MappingRun run)
    {
        var settings = run.Settings;
        DateTimeOffset? optOutAt = null;
        foreach (var e in run.Batch.Events)
        {
            switch (e.Data)
            {
                case CustomEventData custom when run.EventName(custom.EventName) is { } name:
                    AddEvent(run, name, custom, withSessionId: true);
                    break;
                case ScreenViewEventData screen when settings.ForwardScreenViews && run.EventName(ScreenEventName(run, screen.ScreenName)) is { } name:
                    AddEvent(run, name, screen, withSessionId: true);
                    break;
                case SessionStartEventData start when settings.ForwardSessionEvents:
                    AddEvent(run, "Session Start", start, withSessionId: true, withAttributes: false);
                    break;
                case SessionEndEventData end when settings.ForwardSessionEvents:
                    AddEvent(run, "Session End", end, withSessionId: true, withAttributes: false);
                    break;
                case CommerceEventData commerce:
                    MapCommerce(run, commerce);
                    break;
                case OptOutEventData { IsOptedOut: { } optedOut } optOut when optOutAt is null || run.TimeOf(optOut) >= optOutAt:
                    // The docs' wording (§2.3): opted out → unsubscribed, opted back in → opted_in. The latest one wins.
                    optOutAt = run.TimeOf(optOut);
                    run.AttributeBag.Set("email_subscribe", BrazeValue.Of(optedOut ? "unsubscribed" : "opted_in"));
                    break;
            }
        }
    }

    /// <summary>
    /// "Forward Page Name as Braze Event Name" on: the screen name as is. Off (the default): <c>Viewed &lt;screen name&gt;</c>.
    /// reference/mparticle.md §2.2 says only that S2S adds "Viewed"; the exact format is UNVERIFIED (docs/braze-mapping.md).
    /// </summary>
    private static string? ScreenEventName(MappingRun run, string? screenName) =>
        string.IsNullOrEmpty(screenName) ? null : run.Settings.SetEventNameForPageView ? screenName : run.Settings.ScreenViewEventPrefix + screenName;

    private static void AddEvent(MappingRun run, string name, EventData data, bool withSessionId, bool withAttributes = true)
    {
        var where = $"event '{BrazeLimits.ForWarning(name)}'";
        var bag = new PropertyBag();
        if (withAttributes)
        {
            AddEventProperties(run, bag, data.CustomAttributes, where);
        }

        if (withSessionId && run.Settings.ForwardSessionEvents && SessionId(data) is { } sessionId)
        {
            bag.Set("session_id", sessionId);
        }

        run.Events.Add(new BrazeEvent(name, run.TimeOf(data), bag.ToList()));
    }

    /// <summary>mParticle's <c>session_id</c> (an int64) when present, else the session UUID.</summary>
    private static BrazeValue? SessionId(EventData data) =>
        data.SessionId is { } id ? BrazeValue.Of(id) : data.SessionUuid is { Length: > 0 } uuid ? BrazeValue.Of(uuid) : null;

    /// <summary>
    /// Event attributes → properties: <c>$</c> stripped, keys over 255 and reserved names dropped, and only string,
    /// number, boolean and date values — arrays and objects are dropped (seed "Data mapping"). Nulls are left out.
    /// Named fields already in the bag win.
    /// </summary>
    private static void AddEventProperties(MappingRun run, PropertyBag bag, IReadOnlyDictionary<string, AttributeValue> attributes, string where)
    {
        foreach (var (name, value) in attributes)
        {
            if (CustomKey(run, name, where) is not { } key)
            {
                continue;
            }

            if (ReservedPropertyNames.Contains(key))
            {
                run.Warn(BrazeWarningKind.ReservedKey, where, key);
                continue;
            }

            if (EventValue(run, value, where, key) is { } brazeValue)
            {
                bag.TryAdd(key, brazeValue);
            }
        }
    }

    private static BrazeValue? EventValue(MappingRun run, AttributeValue value, string where, string key)
    {
        switch (value.Kind)
        {
            case AttributeValueKind.Null:
                return null;
            case AttributeValueKind.Array or AttributeValueKind.Object or AttributeValueKind.StringList:
                run.Warn(BrazeWarningKind.UnsupportedValue, where, key);
                return null;
        }

        var text = value.Text ?? "";
        var brazeValue = run.DetectEventTypes ? TypeDetection.Detect(text) : BrazeValue.Of(text);
        if (brazeValue is BrazeString { Value: var s } && BrazeLimits.TooLong(s))
        {
            run.Warn(BrazeWarningKind.ValueTruncated, where, key);
            return BrazeValue.Of(BrazeLimits.Cut(s));
        }

        return brazeValue;
    }
}
