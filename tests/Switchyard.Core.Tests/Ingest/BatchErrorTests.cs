using Switchyard.Core.Ingest;
using static Switchyard.Core.Tests.Ingest.IngestTestData;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>Malformed, mistyped and incomplete batches give a 400 whose error names the field.</summary>
public class BatchErrorTests
{
    [Fact]
    public void Malformed_json_is_a_bad_request_that_says_where()
    {
        var error = SingleError(Batch("""{"environment":"production","events":[}"""));
        Assert.Equal(IngestErrorCodes.BadRequest, error.Code);
        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("BytePositionInLine: 38", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_event_without_a_name_is_refused_as_the_readme_shows()
    {
        var error = SingleError(Batch(BatchWith("""{"event_type":"custom_event","data":{"custom_event_type":"other"}}""")));
        Assert.Equal(IngestErrorCodes.MissingField, error.Code);
        Assert.Equal("batch.events[0].data.event_name: is required", error.Message);
    }

    [Fact]
    public void Wrong_json_type_names_the_path_without_a_batches_prefix()
    {
        var error = SingleError(Batch(BatchWith("""{"event_type":"custom_event","data":{"event_name":42,"custom_event_type":"other"}}""")));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.Equal("batch.events[0].data.event_name: wrong JSON type or value out of range: expected a string", error.Message);
    }

    [Fact]
    public void Wrong_json_type_in_a_later_event_names_that_event()
    {
        var body = BatchWith(CustomEvent() + "," + """{"event_type":"screen_view","data":{"screen_name":"Home","location":{"latitude":"north"}}}""");
        var error = SingleError(Batch(body));
        Assert.StartsWith("batch.events[1].data.location.latitude: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_json_type_at_batch_level_names_the_field()
    {
        var error = SingleError(Batch("""{"environment":"production","device_info":{"screen_width":"wide"}}"""));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.Equal("batch.device_info.screen_width: wrong JSON type or value out of range: expected an integer (int32)", error.Message);
    }

    [Theory]
    [InlineData("""{"environment":"production","environment":"development"}""", "batch.environment")]
    [InlineData("""{"user_identities":{"customer_id":"a","customer_id":"b"}}""", "batch.user_identities.customer_id")]
    [InlineData("""{"user_attributes":{"plan":"pro","plan":"free"}}""", "batch.user_attributes.plan")]
    [InlineData("""{"events":[{"event_type":"custom_event","event_type":"screen_view","data":{}}]}""", "batch.events[0].event_type")]
    [InlineData("""{"events":[{"event_type":"screen_view","data":{"screen_name":"a"},"data":{"screen_name":"b"}}]}""", "batch.events[0].data")]
    [InlineData("""{"events":[{"event_type":"screen_view","data":{"screen_name":"a","screen_name":"b"}}]}""", "batch.events[0].data.screen_name")]
    [InlineData("""{"events":[{"event_type":"custom_event","data":{"event_name":"e","custom_event_type":"other","custom_attributes":{"k":1,"k":2}}}]}""", "batch.events[0].data.custom_attributes.k")]
    public void A_property_the_model_reads_named_twice_is_refused_with_its_path(string batch, string path)
    {
        var error = SingleError(Batch(batch));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.Equal(path + ": appears more than once in its object", error.Message);
    }

    [Fact]
    public void Unknown_event_type_is_named()
    {
        var error = SingleError(Batch(BatchWith("""{"event_type":"telepathy","data":{}}""")));
        Assert.Equal(IngestErrorCodes.UnknownEventType, error.Code);
        Assert.Equal("batch.events[0].event_type: unknown event_type 'telepathy'", error.Message);
    }

    [Fact]
    public void Event_without_event_type_is_rejected()
    {
        var error = SingleError(Batch(BatchWith("""{"data":{"event_name":"x"}}""")));
        Assert.Equal(IngestErrorCodes.MissingField, error.Code);
        Assert.StartsWith("batch.events[0].event_type: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_that_is_not_an_object_is_rejected()
    {
        var error = SingleError(Batch(BatchWith("\"custom_event\"")));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.StartsWith("batch.events[0]: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event_type":"custom_event","data":{"custom_event_type":"other"}}""", "batch.events[0].data.event_name")]
    [InlineData("""{"event_type":"custom_event","data":{"event_name":"","custom_event_type":"other"}}""", "batch.events[0].data.event_name")]
    [InlineData("""{"event_type":"custom_event","data":{"event_name":"x"}}""", "batch.events[0].data.custom_event_type")]
    [InlineData("""{"event_type":"custom_event"}""", "batch.events[0].data.event_name")]
    [InlineData("""{"event_type":"screen_view","data":{}}""", "batch.events[0].data.screen_name")]
    [InlineData("""{"event_type":"push_registration","data":{"registration_token":"t"}}""", "batch.events[0].data.register")]
    [InlineData("""{"event_type":"push_registration","data":{"register":false}}""", "batch.events[0].data.registration_token")]
    [InlineData("""{"event_type":"commerce_event","data":{"currency_code":"USD"}}""", "batch.events[0].data")]
    [InlineData("""{"event_type":"commerce_event","data":{"product_action":{"products":[]}}}""", "batch.events[0].data.product_action.action")]
    [InlineData("""{"event_type":"commerce_event","data":{"promotion_action":{"promotions":[]}}}""", "batch.events[0].data.promotion_action.action")]
    public void Missing_required_field_is_named(string eventJson, string path)
    {
        var errors = Batch(BatchWith(eventJson)).Failure!.Errors;
        var error = Assert.Single(errors, e => e.Message.StartsWith(path + ": ", StringComparison.Ordinal));
        Assert.Equal(IngestErrorCodes.MissingField, error.Code);
    }

    [Fact]
    public void Push_registration_missing_both_fields_reports_both()
    {
        var errors = Batch(BatchWith("""{"event_type":"push_registration","data":{}}""")).Failure!.Errors;
        Assert.Equal(
            ["batch.events[0].data.register: is required", "batch.events[0].data.registration_token: is required"],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void Commerce_event_with_two_kinds_of_action_is_rejected()
    {
        var body = BatchWith("""{"event_type":"commerce_event","data":{"product_action":{"action":"click"},"promotion_action":{"action":"view"}}}""");
        var error = SingleError(Batch(body));
        Assert.Equal(IngestErrorCodes.MissingField, error.Code);
        Assert.Equal("batch.events[0].data: a commerce event needs exactly one of product_action, promotion_action and product_impressions; it has 2", error.Message);
    }

    [Theory]
    [InlineData("""{"environment":"staging"}""", "batch.environment")]
    [InlineData("""{"application_info":{"os":"Symbian"}}""", "batch.application_info.os")]
    [InlineData("""{"device_info":{"platform":"blackberry"}}""", "batch.device_info.platform")]
    [InlineData("""{"device_info":{"att_authorization_status":"maybe"}}""", "batch.device_info.att_authorization_status")]
    [InlineData("""{"events":[{"event_type":"custom_event","data":{"event_name":"x","custom_event_type":"gossip"}}]}""", "batch.events[0].data.custom_event_type")]
    [InlineData("""{"events":[{"event_type":"custom_event","data":{"event_name":"x","custom_event_type":"impression"}}]}""", "batch.events[0].data.custom_event_type")]
    [InlineData("""{"events":[{"event_type":"commerce_event","data":{"product_action":{"action":"steal"}}}]}""", "batch.events[0].data.product_action.action")]
    [InlineData("""{"events":[{"event_type":"commerce_event","data":{"promotion_action":{"action":"hover"}}}]}""", "batch.events[0].data.promotion_action.action")]
    [InlineData("""{"events":[{"event_type":"application_state_transition","data":{"application_transition_type":"application_crash"}}]}""", "batch.events[0].data.application_transition_type")]
    [InlineData("""{"events":[{"event_type":"push_message","data":{"push_message_type":"lost"}}]}""", "batch.events[0].data.push_message_type")]
    [InlineData("""{"events":[{"event_type":"push_message","data":{"network":"sms"}}]}""", "batch.events[0].data.network")]
    [InlineData("""{"events":[{"event_type":"push_message","data":{"application_state":"asleep"}}]}""", "batch.events[0].data.application_state")]
    [InlineData("""{"events":[{"event_type":"profile","data":{"profile_event_type":"merge"}}]}""", "batch.events[0].data.profile_event_type")]
    [InlineData("""{"events":[{"event_type":"user_identity_change","data":{"new":{"identity_type":"passport"}}}]}""", "batch.events[0].data.new.identity_type")]
    public void Unlisted_enum_value_is_rejected_naming_the_field(string body, string path)
    {
        var error = SingleError(Batch(body));
        Assert.Equal(IngestErrorCodes.InvalidValue, error.Code);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_values_are_matched_case_insensitively()
    {
        var body = """
            {"environment":"PRODUCTION","application_info":{"os":"ios"},"device_info":{"platform":"IOS"},
             "events":[{"event_type":"custom_event","data":{"event_name":"x","custom_event_type":"Navigation"}},
                       {"event_type":"commerce_event","data":{"product_action":{"action":"Remove_From_Wishlist"}}}]}
            """;
        var result = Batch(body);
        Assert.True(result.IsSuccess);
        var batch = result.Batches[0].Batch;
        Assert.Equal(Core.Ingest.Model.BatchEnvironment.Production, batch.Environment);
        Assert.Equal(Core.Ingest.Model.ApplicationOs.IOS, batch.ApplicationInfo!.Os);
        Assert.Equal(Core.Ingest.Model.DevicePlatform.IOS, batch.DeviceInfo!.Platform);
        var commerce = Assert.IsType<Core.Ingest.Model.CommerceEventData>(batch.Events[1].Data);
        Assert.Equal(Core.Ingest.Model.ProductActionType.RemoveFromWishlist, commerce.ProductAction!.Action);
    }

    [Fact]
    public void Enum_given_as_a_number_is_a_wrong_type()
    {
        var error = SingleError(Batch("""{"environment":1}"""));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.StartsWith("batch.environment: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_rejected()
    {
        var error = SingleError(Batch("[]"));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.Equal("batch: a batch must be a JSON object", error.Message);
        Assert.Equal("batch: a batch must be a JSON object, not null", SingleError(Batch("null")).Message);
    }

    [Fact]
    public void User_attribute_object_value_is_rejected_naming_the_key()
    {
        var error = SingleError(Batch("""{"user_attributes":{"address":{"city":"Paris"}}}"""));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.StartsWith("batch.user_attributes.address: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_attribute_list_holding_numbers_and_booleans_keeps_them_as_strings_as_sent()
    {
        var result = Batch("""{"user_attributes":{"sizes":["s", 4, 1.50, -2e3, true, false]}}""");

        var sizes = Assert.Single(result.Batches).Batch.UserAttributes["sizes"];
        Assert.Equal(["s", "4", "1.50", "-2e3", "true", "false"], sizes.List!);
    }

    [Theory]
    [InlineData("""["s", null]""", "null")]
    [InlineData("""["s", [1]]""", "an array")]
    [InlineData("""["s", {"a":1}]""", "an object")]
    public void User_attribute_list_holding_null_an_array_or_an_object_is_rejected(string list, string what)
    {
        var error = SingleError(Batch("{\"user_attributes\":{\"sizes\":" + list + "}}"));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.StartsWith("batch.user_attributes.sizes: list entry 1 must be a string, number or boolean", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_event_in_the_list_is_rejected()
    {
        var error = SingleError(Batch("""{"events":[null]}"""));
        Assert.Equal("batch.events[0]: an event must be an object, not null", error.Message);
    }

    [Fact]
    public void Lone_surrogate_escape_is_an_invalid_string()
    {
        var error = SingleError(Batch("""{"ip":"\ud800"}"""));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.StartsWith("batch.ip: invalid string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_but_legal_attribute_value_is_accepted_by_both_endpoints()
    {
        string nested = string.Concat(Enumerable.Repeat("[", 20)) + "1" + string.Concat(Enumerable.Repeat("]", 20));
        string batch = BatchWith("{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"x\",\"custom_event_type\":\"other\",\"custom_attributes\":{\"deep\":" + nested + "}}}");
        Assert.True(Batch(batch).IsSuccess);
        Assert.True(Bulk("[" + batch + "]").IsSuccess);
    }

    [Theory]
    [InlineData("""{"integration_attributes":{"28":null}}""", "batch.integration_attributes.28")]
    [InlineData("""{"consent_state":{"gdpr":{"marketing":null}}}""", "batch.consent_state.gdpr.marketing")]
    public void Null_where_an_object_is_required_is_rejected(string body, string path)
    {
        var error = SingleError(Batch(body));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.Equal(path + ": must be an object, not null", error.Message);
    }

    [Fact]
    public void Null_data_counts_as_empty_data()
    {
        var error = SingleError(Batch(BatchWith("""{"event_type":"screen_view","data":null}""")));
        Assert.Equal("batch.events[0].data.screen_name: is required", error.Message);
    }

    [Theory]
    [InlineData("purchase")]
    [InlineData("add_to_cart")]
    [InlineData("remove_from_wish_list")]
    public void A_product_action_is_accepted_as_a_commerce_event_s_custom_event_type(string type)
    {
        string body = """{"events":[{"event_type":"commerce_event","data":{"custom_event_type":"TYPE","product_action":{"action":"purchase","products":[{"id":"SKU-1","price":5}]}}}]}""".Replace("TYPE", type, StringComparison.Ordinal);

        Assert.True(Batch(body).IsSuccess);
    }

    [Fact]
    public void A_product_action_is_refused_as_a_custom_event_s_custom_event_type()
    {
        var error = SingleError(Batch("""{"events":[{"event_type":"custom_event","data":{"event_name":"e","custom_event_type":"purchase"}}]}"""));

        Assert.Equal(IngestErrorCodes.InvalidValue, error.Code);
        Assert.StartsWith("batch.events[0].data.custom_event_type", error.Message, StringComparison.Ordinal);
    }
}
