using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Currents;
using Switchyard.Core.Ingest.Model;
using static Switchyard.Core.Tests.Ingest.Currents.CurrentsTestData;

namespace Switchyard.Core.Tests.Ingest.Currents;

/// <summary>Each Currents event becomes the batch Braze's mParticle export sends (reference/mparticle.md §5).</summary>
public sealed class CurrentsConversionTests
{
    public static TheoryData<string, string> MappedTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, name) in CurrentsEventNames.All.Where(p => p.Key != CurrentsEventNames.Uninstall))
        {
            data.Add(type, name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MappedTypes))]
    public void A_mapped_event_type_becomes_a_custom_event_with_its_friendly_name(string eventType, string name)
    {
        var result = Parse(Body(Event(eventType)));

        Assert.Null(result.Failure);
        var data = Assert.IsType<CustomEventData>(Assert.Single(Assert.Single(result.Batches).Batch.Events).Data);
        Assert.Equal(name, data.EventName);
        Assert.Equal(CustomEventType.Other, data.CustomEventType);
    }

    [Theory]
    [InlineData("users.messages.pushnotification.Send", "Push Notification Send")]
    [InlineData("users.messages.pushnotification.Open", "Push Notification Open")]
    [InlineData("users.messages.email.Send", "Email Sent")]
    [InlineData("users.messages.email.Open", "Email Opened")]
    [InlineData("users.messages.email.Click", "Email Clicked")]
    [InlineData("users.messages.email.Unsubscribe", "Email Unsubscribed")]
    public void The_names_match_what_the_sandbox_sends_through_the_mparticle_format(string eventType, string name)
    {
        Assert.Equal(name, CurrentsEventNames.For(eventType));
    }

    [Theory]
    [InlineData("users.campaigns.Conversion", "Campaign Conversions")]
    [InlineData("users.campaigns.EnrollInControl", "Campaign Control Group Enrollments")]
    [InlineData("users.canvas.Entry", "Canvas Entries")]
    [InlineData("users.canvas.Conversion", "Canvas Conversions")]
    [InlineData("users.canvas.exit.MatchedAudience", "Exit Matched Audiences")]
    [InlineData("users.canvas.exit.PerformedEvent", "Exit Performed Events")]
    [InlineData("users.canvas.experimentstep.Conversion", "Experiment Step Conversions")]
    [InlineData("users.canvas.experimentstep.SplitEntry", "Experiment Split Entries")]
    [InlineData("users.canvasstep.Progression", "Canvas Step Progressions")]
    [InlineData("users.behaviors.subscription.GlobalStateChange", "Global Subscription State Changes")]
    [InlineData("users.behaviors.subscriptiongroup.StateChange", "Subscription Group State Changes")]
    [InlineData("users.messages.banner.Abort", "Banner Aborts")]
    [InlineData("users.messages.banner.Click", "Banner Clicks")]
    [InlineData("users.messages.banner.Impression", "Banner Impressions")]
    public void Campaign_canvas_subscription_and_banner_events_take_the_names_brazes_glossary_shows_for_the_mparticle_export(string eventType, string name)
    {
        var result = Parse(Body(Event(eventType)));

        var data = Assert.IsType<CustomEventData>(Assert.Single(Assert.Single(result.Batches).Batch.Events).Data);
        Assert.Equal(name, data.EventName);
    }

    [Fact]
    public void An_unmapped_event_type_keeps_its_currents_name_so_nothing_is_lost()
    {
        var result = Parse(Body(Event("users.messages.rcs.Read")));

        var data = Assert.IsType<CustomEventData>(result.Batches[0].Batch.Events[0].Data);
        Assert.Equal("users.messages.rcs.Read", data.EventName);
    }

    [Fact]
    public void An_uninstall_becomes_an_mparticle_uninstall_event()
    {
        var result = Parse(Body(Event(CurrentsEventNames.Uninstall)));

        var e = Assert.Single(result.Batches[0].Batch.Events);
        Assert.Equal(EventType.Uninstall, e.EventType);
        Assert.Equal("9e1f2b3c-0000-4000-8000-000000000001", e.Data.SourceMessageId);
        Assert.Null(Converted(result)["events"]![0]!["data"]!["event_name"]);
    }

    [Fact]
    public void The_batch_has_the_shape_of_the_mparticle_export()
    {
        var result = Parse(Body(Event()), environment: "development");

        var json = Converted(result);
        Assert.Equal(2, (int)json["schema_version"]!);
        Assert.Equal("development", (string?)json["environment"]);
        Assert.Equal("u-1", (string?)json["user_identities"]!["customerid"]);
        Assert.Empty(json["user_attributes"]!.AsObject());
        var e = json["events"]!.AsArray().Single()!;
        Assert.Equal("custom_event", (string?)e["event_type"]);
        Assert.Equal("9e1f2b3c-0000-4000-8000-000000000001", (string?)e["data"]!["source_message_id"]);
        Assert.Equal(1_795_000_000_000, (long)e["data"]!["timestamp_unixtime_ms"]!);
        var attributes = e["data"]!["custom_attributes"]!.AsObject();
        Assert.Equal(
            ["app_id", "campaign_id", "campaign_name", "platform", "user_id", "device_id", "timezone"],
            attributes.Select(a => a.Key));
        Assert.Equal("5f0000000000000000000001", (string?)attributes["user_id"]);

        // And the parsed model agrees: the customer id is the external id.
        Assert.Equal("u-1", result.Batches[0].Batch.UserIdentities!.CustomerId);
        Assert.Equal(BatchEnvironment.Development, result.Batches[0].Batch.Environment);
    }

    [Fact]
    public void Every_converted_batch_passes_the_events_api_parser_on_its_own()
    {
        var body = Body([.. CurrentsEventNames.All.Keys.Select((type, i) => (JsonNode)Event(type, id: "id-" + i))]);

        var result = Parse(body);

        Assert.Null(result.Failure);
        Assert.Equal(CurrentsEventNames.All.Count, result.Batches.Count);
        foreach (var batch in result.Batches)
        {
            Assert.True(EventsApiParser.ParseBatch(batch.Raw, new IngestParseOptions(Now)).IsSuccess);
        }

        var bulk = "[" + string.Join(",", result.Batches.Select(b => Encoding.UTF8.GetString(b.Raw.Span))) + "]";
        Assert.True(EventsApiParser.ParseBulk(Encoding.UTF8.GetBytes(bulk), new IngestParseOptions(Now)).IsSuccess);
    }

    [Fact]
    public void Properties_keep_scalars_flatten_objects_with_dots_keep_lists_as_json_text_and_unwrap_avro_values()
    {
        var properties = new JsonObject
        {
            ["name"] = "x",
            ["count"] = 3,
            ["ratio"] = 0.5,
            ["flag"] = true,
            ["missing"] = null,
            ["button"] = new JsonObject { ["id"] = "b1", ["deep"] = new JsonObject { ["n"] = 1 } },
            ["tags"] = new JsonArray("a", "b"),
            ["campaign_name"] = new JsonObject { ["string"] = "Spring" },
        };

        var attributes = Converted(Parse(Body(Event(properties: properties))))["events"]![0]!["data"]!["custom_attributes"]!.AsObject();

        Assert.Equal("x", (string?)attributes["name"]);
        Assert.Equal(3, (int)attributes["count"]!);
        Assert.Equal(0.5, (double)attributes["ratio"]!);
        Assert.True((bool)attributes["flag"]!);
        Assert.False(attributes.ContainsKey("missing"));
        Assert.Equal("b1", (string?)attributes["button.id"]);
        Assert.Equal(1, (int)attributes["button.deep.n"]!);
        Assert.Equal("[\"a\",\"b\"]", (string?)attributes["tags"]);
        Assert.Equal("Spring", (string?)attributes["campaign_name"]);
    }

    [Fact]
    public void Properties_beyond_the_events_api_limits_are_cut_or_left_out_so_the_event_is_still_taken()
    {
        var properties = new JsonObject
        {
            ["subject"] = new string('s', 5000),
            ["emoji"] = new string('x', 4095) + "\U0001F600",
            [new string('n', 300)] = "too long a name",
        };
        for (var i = 0; i < 150; i++)
        {
            properties["p" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)] = i;
        }

        var result = Parse(Body(Event(properties: properties)));

        Assert.Null(result.Failure);
        Assert.True(EventsApiParser.ParseBatch(result.Batches[0].Raw, new IngestParseOptions(Now)).IsSuccess);
        var attributes = Converted(result)["events"]![0]!["data"]!["custom_attributes"]!.AsObject();
        Assert.Equal(100, attributes.Count);
        Assert.Equal(4096, ((string)attributes["subject"]!).Length);
        Assert.Equal(4095, ((string)attributes["emoji"]!).Length);
        Assert.DoesNotContain(attributes, a => a.Key.Length > 256);
        Assert.Equal(("5f0000000000000000000001", "dev-1", "Europe/Madrid"), ((string?)attributes["user_id"], (string?)attributes["device_id"], (string?)attributes["timezone"]));
    }

    [Fact]
    public void User_fields_wrapped_as_avro_json_are_read_like_plain_strings()
    {
        var currents = Event(externalUserId: null);
        currents["user"]!["external_user_id"] = new JsonObject { ["string"] = "u-avro" };
        currents["user"]!["device_id"] = new JsonObject { ["string"] = null };

        var batch = Converted(Parse(Body(currents)));

        Assert.Equal("u-avro", (string?)batch["user_identities"]!["customerid"]);
        Assert.False(batch["events"]![0]!["data"]!["custom_attributes"]!.AsObject().ContainsKey("device_id"));
    }

    [Fact]
    public void A_property_named_like_a_user_field_wins_and_a_flattened_name_never_repeats()
    {
        var properties = new JsonObject { ["device_id"] = "from-properties", ["a.b"] = 1, ["a"] = new JsonObject { ["b"] = 2 } };

        var raw = Encoding.UTF8.GetString(Parse(Body(Event(properties: properties))).Batches[0].Raw.Span);

        var attributes = JsonNode.Parse(raw)!["events"]![0]!["data"]!["custom_attributes"]!.AsObject();
        Assert.Equal("from-properties", (string?)attributes["device_id"]);
        Assert.Equal(1, (int)attributes["a.b"]!);
        Assert.Single(attributes, a => a.Key == "a.b");
    }

    [Theory]
    [InlineData(1_795_000_000, 1_795_000_000_000)]
    [InlineData(1_795_000_000.25, 1_795_000_000_250)]
    [InlineData(1_795_000_000.1, 1_795_000_000_100)]
    [InlineData(1_795_000_000.0004, 1_795_000_000_000)]
    [InlineData(1_795_000_000_123, 1_795_000_000_123)]
    [InlineData(0, 0)]
    public void Time_is_epoch_seconds_and_a_value_from_ten_to_the_eleven_up_is_milliseconds(double time, long expectedMs)
    {
        var e = Event();
        e["time"] = time;

        var result = Parse(Body(e));

        Assert.Equal(expectedMs, result.Batches[0].Batch.Events[0].Data.TimestampUnixtimeMs);
    }

    [Fact]
    public void Events_without_an_external_user_id_are_skipped_and_counted()
    {
        var empty = Event(id: "id-2", externalUserId: "");
        var result = Parse(Body(Event(id: "id-1"), Event(id: "id-3", externalUserId: null), empty));

        Assert.Null(result.Failure);
        Assert.Equal((3, 2), (result.Received, result.SkippedWithoutExternalId));
        Assert.Equal("id-1", Assert.Single(result.Batches).Batch.Events[0].Data.SourceMessageId);
    }

    [Fact]
    public void An_empty_events_array_is_accepted_with_nothing_to_store()
    {
        var result = Parse("{\"events\":[]}");

        Assert.Null(result.Failure);
        Assert.Empty(result.Batches);
    }
}
