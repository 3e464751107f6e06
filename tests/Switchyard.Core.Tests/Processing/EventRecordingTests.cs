using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Processing.Support.TestBatches;

namespace Switchyard.Core.Tests.Processing;

/// <summary>What a profile keeps of its events for audience criteria (reference/mparticle.md §1.3, §1.4, §6).</summary>
public class EventRecordingTests
{
    private readonly ProcessingHarness _harness = new(new ProcessingSettings { EventRetention = TimeSpan.FromDays(30), MaxOccurrencesPerEventKey = 3 });

    [Fact]
    public void Each_event_type_is_recorded_under_its_key()
    {
        var batch = For(customerId: "c1").WithEvents(
            Custom("Played", T0),
            Of(EventType.ScreenView, new ScreenViewEventData { ScreenName = "Home" }, T0),
            Of(EventType.CommerceEvent, new CommerceEventData { ProductAction = new ProductAction { Action = ProductActionType.Purchase } }, T0),
            Of(EventType.CommerceEvent, new CommerceEventData { ProductAction = new ProductAction { Action = ProductActionType.AddToCart } }, T0),
            Of(EventType.CommerceEvent, new CommerceEventData { PromotionAction = new PromotionAction { Action = PromotionActionType.Click } }, T0),
            Of(EventType.CommerceEvent, new CommerceEventData { PromotionAction = new PromotionAction { Action = PromotionActionType.View } }, T0),
            Of(EventType.CommerceEvent, new CommerceEventData { ProductImpressions = [new ProductImpression()] }, T0),
            Of(EventType.SessionStart, new SessionStartEventData(), T0),
            Of(EventType.Uninstall, new GenericEventData(), T0));

        var events = _harness.Profile(_harness.Process(batch).Mpid).Events;

        Assert.Equal(
            new[]
            {
                "commerce_event:add_to_cart", "commerce_event:impression", "commerce_event:promotion_click", "commerce_event:promotion_view",
                "commerce_event:purchase", "custom_event:Played", "screen_view:Home", "session_start", "uninstall",
            },
            events.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Occurrences_keep_only_the_attributes_audiences_need_as_strings()
    {
        _harness.Audiences.EventWithAttribute(3, EventKeys.Custom("Played"), "genre", "jazz");
        var played = new CustomEventData
        {
            EventName = "Played",
            CustomEventType = CustomEventType.Media,
            TimestampUnixtimeMs = T0,
            CustomAttributes = new Dictionary<string, AttributeValue> { ["genre"] = Text("jazz"), ["track"] = Text("So What"), ["n"] = new(AttributeValueKind.Number, "3") },
        };

        var outcome = _harness.Process(For(customerId: "c1").WithEvents(new BatchEvent(EventType.CustomEvent, played), Custom("Other", T0, ("genre", "x"))));

        var events = _harness.Profile(outcome.Mpid).Events;
        Assert.Equal(new Dictionary<string, string> { ["genre"] = "jazz" }, events[EventKeys.Custom("Played")].Recent.Single().Attributes);
        Assert.Null(events[EventKeys.Custom("Other")].Recent.Single().Attributes);
        Assert.Contains(outcome.Changes, c => c.AudienceId == 3 && c.Action == MembershipAction.Add);
    }

    [Fact]
    public void Counts_and_first_and_last_times_cover_all_occurrences()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("A", T0 - 10), Custom("A", T0 - 30))).Mpid;
        _harness.Process(For(customerId: "c1").WithEvents(Custom("A", T0 - 20)));

        var stats = _harness.Profile(mpid).Events[EventKeys.Custom("A")];
        Assert.Equal(3, stats.TotalCount);
        Assert.Equal(T0 - 30, stats.FirstMs);
        Assert.Equal(T0 - 10, stats.LastMs);
        Assert.Equal([T0 - 30, T0 - 20, T0 - 10], stats.Recent.Select(o => o.AtMs));
    }

    [Fact]
    public void An_event_without_a_timestamp_happened_when_the_batch_was_received()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("A")), nowMs: T0, receivedAtMs: T0 - 5).Mpid;

        Assert.Equal(T0 - 5, _harness.Profile(mpid).Events[EventKeys.Custom("A")].Recent.Single().AtMs);
    }

    [Fact]
    public void Historical_events_older_than_the_retention_count_but_add_no_occurrence()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("A", T0 - (40 * DayMs)))).Mpid;

        var stats = _harness.Profile(mpid).Events[EventKeys.Custom("A")];
        Assert.Equal(1, stats.TotalCount);
        Assert.Equal(T0 - (40 * DayMs), stats.LastMs);
        Assert.Empty(stats.Recent);
    }

    [Fact]
    public void Occurrences_beyond_the_cap_drop_the_oldest_first()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("A", T0 - 4), Custom("A", T0 - 1), Custom("A", T0 - 3), Custom("A", T0 - 2))).Mpid;

        var stats = _harness.Profile(mpid).Events[EventKeys.Custom("A")];
        Assert.Equal(4, stats.TotalCount);
        Assert.Equal([T0 - 3, T0 - 2, T0 - 1], stats.Recent.Select(o => o.AtMs));
    }

    [Fact]
    public void Occurrences_leave_the_window_as_time_passes()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("A", T0 - (29 * DayMs)), Custom("A", T0))).Mpid;

        _harness.Process(For(customerId: "c1").WithEvents(Custom("B", T0 + (2 * DayMs))), nowMs: T0 + (2 * DayMs));

        var stats = _harness.Profile(mpid).Events[EventKeys.Custom("A")];
        Assert.Equal([T0], stats.Recent.Select(o => o.AtMs));
        Assert.Equal(2, stats.TotalCount);
    }
}
