using Switchyard.Braze.Mapping;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

/// <summary>
/// Whatever ingest accepts maps without throwing: times Braze cannot take are clamped (before 1970 → the epoch, more than
/// the clock-skew allowance ahead of now → now) and amounts that overflow are capped, each counted as a warning.
/// </summary>
public sealed class OutOfRangeMappingTests
{
    private const string Epoch = "1970-01-01T00:00:00.000Z";
    private const string NowText = "2026-11-29T00:00:00.000Z";

    public static TheoryData<long, string> OutOfRangeTimes => new()
    {
        { -1_000_000_000_000_000, Epoch },
        { long.MinValue, Epoch },
        { -1, Epoch },
        { 1_000_000_000_000_000, NowText },
        { long.MaxValue, NowText },
    };

    private static string Custom(string name, long at) =>
        $$$"""{"event_type":"custom_event","data":{"event_name":"{{{name}}}","custom_event_type":"other","timestamp_unixtime_ms":{{{Ms(at)}}}}}""";

    private static string Ms(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_batch_timestamp_far_in_the_past_maps_the_attributes_and_counts_the_clamped_time()
    {
        var batch = Batch("""{"timestamp_unixtime_ms":-1000000000000000,"user_identities":{"customer_id":"poison"},"user_attributes":{"a":1}}""");

        var update = Update(batch);

        JsonEqual("""{"attributes":[{"external_id":"poison","a":"1"}]}""", update);
        Assert.Equal([(BrazeWarningKind.OutOfRange, "batch", "timestamp_unixtime_ms")], update.Warnings.Select(w => (w.Kind, w.Where, w.Name)));
    }

    [Theory]
    [MemberData(nameof(OutOfRangeTimes))]
    public void An_event_time_out_of_range_is_clamped_and_counted_once(long at, string expected)
    {
        var batch = WithEvents(Custom("Far", at) + "," + Custom("Near", T1));

        var update = Update(batch);

        Assert.Equal([expected, T1Text], update.Events.Select(e => BrazeTrackJson.FormatTime(e.Time)));
        Assert.Equal([(BrazeWarningKind.OutOfRange, "events[0]", "timestamp_unixtime_ms")], update.Warnings.Select(w => (w.Kind, w.Where, w.Name)));
    }

    [Theory]
    [MemberData(nameof(OutOfRangeTimes))]
    public void A_batch_timestamp_out_of_range_is_clamped_for_events_without_their_own_time(long at, string expected)
    {
        var batch = WithEvents(
            """{"event_type":"custom_event","data":{"event_name":"Untimed","custom_event_type":"other"}}""",
            $",\"timestamp_unixtime_ms\":{Ms(at)}");

        var update = Update(batch);

        Assert.Equal(expected, BrazeTrackJson.FormatTime(Assert.Single(update.Events).Time));
        Assert.Equal(BrazeWarningKind.OutOfRange, Assert.Single(update.Warnings).Kind);
    }

    [Theory]
    [MemberData(nameof(OutOfRangeTimes))]
    public void Session_and_screen_view_events_out_of_range_map_with_clamped_times(long at, string expected)
    {
        var events = string.Join(",", [
            $$$"""{"event_type":"session_start","data":{"session_id":7,"timestamp_unixtime_ms":{{{Ms(at)}}}}}""",
            $$$"""{"event_type":"screen_view","data":{"screen_name":"Home","session_id":7,"timestamp_unixtime_ms":{{{Ms(at)}}}}}""",
            $$$"""{"event_type":"session_end","data":{"session_id":7,"session_duration_ms":{{{Ms(at)}}},"timestamp_unixtime_ms":{{{Ms(at)}}}}}""",
        ]);

        var update = Update(WithEvents(events), Configured("\"forwardScreenViews\":true,\"forwardSessionEvents\":true"));

        Assert.Equal(["Session Start", "Viewed Home", "Session End"], update.Events.Select(e => e.Name));
        Assert.All(update.Events, e => Assert.Equal(expected, BrazeTrackJson.FormatTime(e.Time)));
        Assert.Equal(["events[0]", "events[1]", "events[2]"], update.Warnings.Select(w => w.Where));
    }

    [Fact]
    public void Unforwarded_events_out_of_range_do_not_stop_the_rest_of_the_batch()
    {
        var events = string.Join(",", [
            """{"event_type":"session_start","data":{"timestamp_unixtime_ms":-9223372036854775808}}""",
            """{"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":9223372036854775807}}""",
            Custom("Kept", T1),
        ]);

        var update = Update(WithEvents(events));

        JsonEqual($$$"""{"events":[{"external_id":"c1","name":"Kept","time":"{{{T1Text}}}"}]}""", update);
        Assert.Empty(update.Warnings);
    }

    [Fact]
    public void A_time_just_ahead_of_now_within_the_clock_skew_allowance_is_sent_as_it_is()
    {
        var ahead = Now.AddMinutes(5).ToUnixTimeMilliseconds();

        var update = Update(WithEvents(Custom("Soon", ahead)));

        Assert.Equal(Now.AddMinutes(5), Assert.Single(update.Events).Time);
        Assert.Empty(update.Warnings);
    }

    [Theory]
    [MemberData(nameof(OutOfRangeTimes))]
    public void Purchases_opt_outs_and_push_registrations_out_of_range_map(long at, string expected)
    {
        var events = string.Join(",", [
            $$$$"""{"event_type":"commerce_event","data":{"timestamp_unixtime_ms":{{{{Ms(at)}}}},"product_action":{"action":"purchase","products":[{"id":"sku-1","price":5,"quantity":1}]}}}""",
            $$$"""{"event_type":"opt_out","data":{"is_opted_out":true,"timestamp_unixtime_ms":{{{Ms(at)}}}}}""",
            $$$"""{"event_type":"push_registration","data":{"register":true,"registration_token":"tok","timestamp_unixtime_ms":{{{Ms(at)}}}}}""",
        ]);

        var update = Update(WithEvents(events), Configured("\"appIdentifierApiKey\":\"app-1\""));

        Assert.Equal(expected, BrazeTrackJson.FormatTime(Assert.Single(update.Purchases).Time));
        Assert.Equal("tok", Assert.Single(update.PushTokens).Token);
        Assert.Contains(update.Attributes, a => a.Name == "email_subscribe");
        Assert.Equal(["events[0]", "events[1]", "events[2]"], update.Warnings.Select(w => w.Where).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bundled_purchase_whose_revenue_overflows_is_capped_and_counted()
    {
        const string Max = "79228162514264337593543950335";
        var batch = WithEvents($$$$"""
            {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":{{{{Ms(T1)}}}},"product_action":{"action":"purchase",
             "products":[{"id":"a","price":{{{{Max}}}},"quantity":3},{"id":"b","price":-{{{{Max}}}},"quantity":-3},{"id":"c","price":{{{{Max}}}},"quantity":{{{{Max}}}}}]}}}
            """);

        var update = Update(batch, Configured("\"bundleCommerceEventData\":true"));

        var purchase = Assert.Single(update.Purchases);
        Assert.Equal(decimal.MaxValue, purchase.Price);
        Assert.Contains(update.Warnings, w => (w.Kind, w.Where, w.Name) == (BrazeWarningKind.OutOfRange, "purchases", "price"));
        Assert.Contains("\"price\":79228162514264337593543950335", BrazeTrackJson.ToJson(update), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+14:00", false)]
    [InlineData("9999-12-31T23:59:59-14:00", false)]
    [InlineData("0001-01-01", true)]
    [InlineData("9999-12-31T23:59:59.9999999", true)]
    public void Dates_at_the_ends_of_the_calendar_are_detected_without_throwing(string text, bool isDate)
    {
        var batch = WithAttributes($$$$"""
            "d":"{{{{text}}}}"
            """);

        var update = Update(batch, Configured("\"customAttributeTypeDetection\":\"both\""));

        var value = Assert.Single(update.Attributes).Value;
        Assert.Equal(isDate, value is BrazeTime);
        _ = BrazeTrackJson.ToJson(update);
    }
}
