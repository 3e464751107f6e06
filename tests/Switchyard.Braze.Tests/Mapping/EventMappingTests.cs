using Switchyard.Braze.Mapping;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

public sealed class EventMappingTests
{
    private static string Custom(string name, string attributes = "{}", string extra = "") =>
        """{"event_type":"custom_event","data":{"event_name":"@name","custom_event_type":"other","timestamp_unixtime_ms":1767323045678,"custom_attributes":@attributes@extra}}"""
            .Replace("@name", name, StringComparison.Ordinal)
            .Replace("@attributes", attributes, StringComparison.Ordinal)
            .Replace("@extra", extra, StringComparison.Ordinal);

    [Fact]
    public void A_custom_event_keeps_its_name_and_its_attributes_become_properties_without_the_leading_dollar()
    {
        var batch = WithEvents(Custom("Played", """{"$song":"Intro","length":"213"}"""));

        JsonEqual("""
            {"events":[{"external_id":"c1","name":"Played","time":"2026-01-02T03:04:05.678Z","properties":{"song":"Intro","length":"213"}}]}
            """, Json(batch));
    }

    [Fact]
    public void A_key_of_255_characters_is_kept_and_a_longer_one_is_dropped_and_counted()
    {
        var ok = new string('k', 255);
        var tooLong = new string('x', 256);
        var batch = WithEvents(Custom("E", "{\"" + ok + "\":\"a\",\"" + tooLong + "\":\"b\"}"));

        var update = Update(batch);

        var e = Assert.Single(update.Events);
        Assert.Equal([new BrazeProperty(ok, BrazeValue.Of("a"))], e.Properties);
        var warning = Assert.Single(update.Warnings);
        Assert.Equal(BrazeWarningKind.KeyTooLong, warning.Kind);
        Assert.Equal(64, warning.Name.Length);
    }

    [Fact]
    public void The_255_limit_applies_after_the_dollar_is_stripped()
    {
        var batch = WithEvents(Custom("E", "{\"$" + new string('k', 255) + "\":\"a\"}"));

        var update = Update(batch);

        Assert.Single(Assert.Single(update.Events).Properties);
        Assert.Empty(update.Warnings);
    }

    [Fact]
    public void Array_and_object_properties_are_dropped_and_counted_and_nulls_are_left_out()
    {
        var batch = WithEvents(Custom("E", """{"tags":["a","b"],"meta":{"x":1},"none":null,"kept":"yes"}"""));

        var update = Update(batch);

        JsonEqual("""{"events":[{"external_id":"c1","name":"E","time":"2026-01-02T03:04:05.678Z","properties":{"kept":"yes"}}]}""", update);
        Assert.Equal(
            [(BrazeWarningKind.UnsupportedValue, "tags"), (BrazeWarningKind.UnsupportedValue, "meta")],
            update.Warnings.Select(w => (w.Kind, w.Name)));
        Assert.All(update.Warnings, w => Assert.Equal("event 'E'", w.Where));
    }

    [Fact]
    public void Property_names_braze_reserves_are_dropped_and_counted()
    {
        var update = Update(WithEvents(Custom("E", """{"time":"x","$event_name":"y","ok":"z"}""")));

        Assert.Equal(["ok"], Assert.Single(update.Events).Properties.Select(p => p.Name));
        Assert.Equal([BrazeWarningKind.ReservedKey, BrazeWarningKind.ReservedKey], update.Warnings.Select(w => w.Kind));
    }

    [Fact]
    public void A_key_that_is_only_dollars_is_dropped_and_counted()
    {
        var update = Update(WithEvents(Custom("E", """{"$$":"x","ok":"z"}""")));

        Assert.Equal(BrazeWarningKind.EmptyKey, Assert.Single(update.Warnings).Kind);
    }

    [Fact]
    public void A_string_property_over_255_characters_is_cut_and_counted()
    {
        var update = Update(WithEvents(Custom("E", "{\"long\":\"" + new string('v', 300) + "\"}")));

        Assert.Equal(BrazeValue.Of(new string('v', 255)), Assert.Single(Assert.Single(update.Events).Properties).Value);
        Assert.Equal(BrazeWarningKind.ValueTruncated, Assert.Single(update.Warnings).Kind);
    }

    [Fact]
    public void Without_type_detection_every_property_is_a_string()
    {
        var batch = WithEvents(Custom("E", """{"n":42,"b":true,"s":"3.5"}"""));

        JsonEqual(
            """{"events":[{"external_id":"c1","name":"E","time":"2026-01-02T03:04:05.678Z","properties":{"n":"42","b":"true","s":"3.5"}}]}""",
            Json(batch));
    }

    [Theory]
    [InlineData("event")]
    [InlineData("both")]
    public void Event_type_detection_tries_bool_then_long_then_double_then_date_then_string(string detection)
    {
        var batch = WithEvents(Custom("E", """
            {"b":"TRUE","l":"-12","big":"92233720368547758070","d":"3.25","e":"1e3","date":"2026-03-01","dt":"2026-03-01T10:00:00+02:00",
             "s":"3.5 kg","n":7,"t":false,"thousands":"1,234"}
            """));

        JsonEqual("""
            {"events":[{"external_id":"c1","name":"E","time":"2026-01-02T03:04:05.678Z","properties":{"b":true,"l":-12,"big":9.223372036854776E+19,"d":3.25,"e":1000,
             "date":"2026-03-01T00:00:00.000Z","dt":"2026-03-01T08:00:00.000Z","s":"3.5 kg","n":7,"t":false,"thousands":"1,234"}}]}
            """, Json(batch, Configured("\"customAttributeTypeDetection\":\"" + detection + "\"")));
    }

    [Fact]
    public void User_attribute_type_detection_leaves_event_properties_as_strings()
    {
        var batch = WithEvents(Custom("E", """{"n":"42"}"""));

        Assert.Equal(BrazeValue.Of("42"), Assert.Single(Update(batch, Configured("\"customAttributeTypeDetection\":\"user\"")).Events[0].Properties).Value);
    }

    [Fact]
    public void An_event_without_a_timestamp_takes_the_batch_timestamp()
    {
        var batch = WithEvents("""{"event_type":"custom_event","data":{"event_name":"E","custom_event_type":"other"}}""", $",\"timestamp_unixtime_ms\":{T1}");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T1), Assert.Single(Update(batch).Events).Time);
    }

    [Fact]
    public void Screen_views_are_not_forwarded_by_default()
    {
        var batch = WithEvents("""{"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":1767323045678}}""", ",\"user_attributes\":{\"a\":\"1\"}");

        Assert.Empty(Update(batch).Events);
    }

    [Theory]
    [InlineData("\"screenViewEventPrefix\":\"Viewed: \"", "Viewed: Home")]
    [InlineData("\"screenViewEventPrefix\":\"\"", "Home")]
    [InlineData("\"screenViewEventPrefix\":\"Screen \",\"setEventNameForPageView\":true", "Home")]
    public void The_screen_view_prefix_is_a_setting_and_the_page_name_setting_still_wins(string fields, string expected)
    {
        var batch = WithEvents("""{"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":1767323045678}}""");

        Assert.Equal(expected, Assert.Single(Update(batch, Configured("\"forwardScreenViews\":true," + fields)).Events).Name);
    }

    [Fact]
    public void A_forwarded_screen_view_is_named_viewed_and_the_screen_name_by_default()
    {
        var batch = WithEvents("""{"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":1767323045678,"custom_attributes":{"$from":"menu"}}}""");

        JsonEqual(
            """{"events":[{"external_id":"c1","name":"Viewed Home","time":"2026-01-02T03:04:05.678Z","properties":{"from":"menu"}}]}""",
            Json(batch, Configured("\"forwardScreenViews\":true")));
    }

    [Fact]
    public void With_the_page_name_as_event_name_a_screen_view_is_named_after_the_screen_as_is()
    {
        var batch = WithEvents("""{"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":1767323045678}}""");

        Assert.Equal("Home", Assert.Single(Update(batch, Configured("\"forwardScreenViews\":true,\"setEventNameForPageView\":true")).Events).Name);
    }

    [Fact]
    public void Session_events_are_not_forwarded_by_default_and_custom_events_then_have_no_session_id()
    {
        var batch = WithEvents("""
            {"event_type":"session_start","data":{"session_id":99,"timestamp_unixtime_ms":1767323045678}},
            @custom
            """.Replace("@custom", Custom("E", "{}", ",\"session_id\":99"), StringComparison.Ordinal));

        var e = Assert.Single(Update(batch).Events);
        Assert.Equal("E", e.Name);
        Assert.Empty(e.Properties);
    }

    [Fact]
    public void Forwarded_session_events_are_session_start_and_end_and_session_id_is_added_to_session_screen_and_custom_events()
    {
        var batch = WithEvents("""
            {"event_type":"session_start","data":{"session_id":99,"timestamp_unixtime_ms":1767323045678}},
            {"event_type":"screen_view","data":{"screen_name":"Home","session_uuid":"u-1","timestamp_unixtime_ms":1767323045678}},
            @custom,
            {"event_type":"session_end","data":{"session_id":99,"session_duration_ms":5000,"timestamp_unixtime_ms":1767323045678}}
            """.Replace("@custom", Custom("E", """{"a":"1"}""", ",\"session_id\":99"), StringComparison.Ordinal));

        JsonEqual("""
            {"events":[
              {"external_id":"c1","name":"Session Start","time":"2026-01-02T03:04:05.678Z","properties":{"session_id":99}},
              {"external_id":"c1","name":"Viewed Home","time":"2026-01-02T03:04:05.678Z","properties":{"session_id":"u-1"}},
              {"external_id":"c1","name":"E","time":"2026-01-02T03:04:05.678Z","properties":{"a":"1","session_id":99}},
              {"external_id":"c1","name":"Session End","time":"2026-01-02T03:04:05.678Z","properties":{"session_id":99}}]}
            """, Json(batch, Configured("\"forwardScreenViews\":true,\"forwardSessionEvents\":true")));
    }

    [Fact]
    public void An_opt_out_sets_the_email_subscription_and_the_latest_one_wins()
    {
        var batch = WithEvents("""
            {"event_type":"opt_out","data":{"is_opted_out":false,"timestamp_unixtime_ms":1767323046678}},
            {"event_type":"opt_out","data":{"is_opted_out":true,"timestamp_unixtime_ms":1767323045678}}
            """);

        JsonEqual("""{"attributes":[{"external_id":"c1","email_subscribe":"opted_in"}]}""", Json(batch));
    }

    [Fact]
    public void Opting_out_unsubscribes_from_email()
    {
        var batch = WithEvents("""{"event_type":"opt_out","data":{"is_opted_out":true,"timestamp_unixtime_ms":1767323045678}}""");

        JsonEqual("""{"attributes":[{"external_id":"c1","email_subscribe":"unsubscribed"}]}""", Json(batch));
    }

    [Fact]
    public void Event_types_braze_does_not_take_are_ignored()
    {
        var batch = WithEvents("""
            {"event_type":"application_state_transition","data":{"application_transition_type":"application_initialized"}},
            {"event_type":"uninstall","data":{}},
            @custom
            """.Replace("@custom", Custom("E"), StringComparison.Ordinal));

        Assert.Equal(["E"], Update(batch).Events.Select(e => e.Name));
    }
}
