using Switchyard.Braze.Mapping;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

public sealed class AttributeMappingTests
{
    private static string Attributes(string userAttributes, Braze.Settings.BrazeOutputSettings? settings = null, Profile? profile = null) =>
        Json(WithAttributes(userAttributes), settings, profile);

    [Theory]
    [InlineData("$FirstName", "Ann", "first_name")]
    [InlineData("$LastName", "Lee", "last_name")]
    [InlineData("$Country", "DE", "country")]
    [InlineData("$City", "Berlin", "home_city")]
    [InlineData("$Mobile", "+4915112345678", "phone")]
    [InlineData("$firstname", "Ann", "first_name")]
    [InlineData("$CITY", "Berlin", "home_city")]
    public void Reserved_attributes_become_braze_profile_fields_whatever_their_case(string name, string value, string field)
    {
        JsonEqual(
            """{"attributes":[{"external_id":"c1","@field":"@value"}]}""".Replace("@field", field, StringComparison.Ordinal).Replace("@value", value, StringComparison.Ordinal),
            Attributes($"\"{name}\":\"{value}\""));
    }

    [Theory]
    [InlineData("male", "M")]
    [InlineData("M", "M")]
    [InlineData("Female", "F")]
    [InlineData("f", "F")]
    [InlineData("other", "O")]
    [InlineData("not applicable", "N")]
    [InlineData("prefer not to say", "P")]
    [InlineData("nonbinary", "O")]
    public void Gender_is_mapped_to_braze_codes(string value, string code)
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","gender":"@"}]}""".Replace("@", code, StringComparison.Ordinal), Attributes($"\"$Gender\":\"{value}\""));
    }

    [Fact]
    public void Age_becomes_a_date_of_birth_on_january_first_of_the_current_year_minus_the_age()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","dob":"1996-01-01"}]}""", Attributes("\"$Age\":30"));
    }

    [Fact]
    public void A_dob_attribute_in_iso_date_form_is_the_exact_date_of_birth_and_beats_an_age()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","dob":"1990-05-17"}]}""", Attributes("\"dob\":\"1990-05-17\",\"$Age\":30"));
    }

    [Fact]
    public void An_age_or_dob_braze_cannot_read_is_dropped_and_counted()
    {
        var update = Update(WithAttributes("\"$Age\":\"old\",\"dob\":\"17/05/1990\",\"x\":\"1\""));

        Assert.Equal([new BrazeProperty("x", BrazeValue.Of("1"))], update.Attributes);
        Assert.Equal([(BrazeWarningKind.InvalidValue, "$Age"), (BrazeWarningKind.InvalidValue, "dob")], update.Warnings.Select(w => (w.Kind, w.Name)));
    }

    [Fact]
    public void Zip_is_a_custom_attribute_and_always_a_string_even_with_type_detection()
    {
        JsonEqual(
            """{"attributes":[{"external_id":"c1","Zip":"01234","n":5}]}""",
            Attributes("\"$Zip\":\"01234\",\"n\":\"5\"", Configured("\"customAttributeTypeDetection\":\"user\"")));
    }

    [Fact]
    public void Other_attributes_are_custom_attributes_without_the_leading_dollar()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","State":"BE","Address":"Main St 1","plan":"pro"}]}""", Attributes("\"$State\":\"BE\",\"$Address\":\"Main St 1\",\"plan\":\"pro\""));
    }

    [Fact]
    public void Without_type_detection_custom_attributes_are_strings()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","n":"5","b":"true"}]}""", Attributes("\"n\":5,\"b\":true"));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("both")]
    public void User_type_detection_tries_bool_then_long_then_double_then_date_then_string(string detection)
    {
        JsonEqual(
            """{"attributes":[{"external_id":"c1","b":false,"l":12,"d":0.5,"t":"2026-02-03T00:00:00.000Z","s":"12a","n":5}]}""",
            Attributes("\"b\":\"False\",\"l\":\"12\",\"d\":\"0.5\",\"t\":\"2026-02-03\",\"s\":\"12a\",\"n\":5", Configured("\"customAttributeTypeDetection\":\"" + detection + "\"")));
    }

    [Fact]
    public void Event_type_detection_leaves_user_attributes_as_strings()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","l":"12"}]}""", Attributes("\"l\":\"12\"", Configured("\"customAttributeTypeDetection\":\"event\"")));
    }

    [Fact]
    public void Attribute_lists_are_comma_joined_strings_by_default()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","genres":"rock,jazz"}]}""", Attributes("\"genres\":[\"rock\",\"jazz\"]"));
    }

    [Fact]
    public void Attribute_lists_are_arrays_when_configured()
    {
        JsonEqual(
            """{"attributes":[{"external_id":"c1","genres":["rock","jazz"]}]}""",
            Attributes("\"genres\":[\"rock\",\"jazz\"]", Configured("\"sendUserAttributeListsAsArrays\":true")));
    }

    [Fact]
    public void A_user_tag_is_sent_as_the_string_true_by_default()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","vip":"true"}]}""", Attributes("\"vip\":null"));
    }

    [Fact]
    public void A_user_tag_is_sent_as_null_when_the_tags_value_is_null()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","vip":null}]}""", Attributes("\"vip\":null", Configured("\"userTagsValue\":null")));
    }

    [Fact]
    public void Deleted_attributes_are_sent_as_null_and_deleted_reserved_ones_clear_their_profile_field()
    {
        JsonEqual(
            """{"attributes":[{"external_id":"c1","plan":null,"first_name":null,"dob":null,"Zip":null}]}""",
            Json(WithAttributes("", ",\"deleted_user_attributes\":[\"plan\",\"$FirstName\",\"$Age\",\"$Zip\"]")));
    }

    [Fact]
    public void Subscription_attributes_set_the_global_subscription_state()
    {
        JsonEqual(
            """{"attributes":[{"external_id":"c1","email_subscribe":"opted_in","push_subscribe":"unsubscribed"}]}""",
            Attributes("\"email_subscribe\":\"Opted_In\",\"push_subscribe\":\"unsubscribed\""));
    }

    [Fact]
    public void An_unknown_subscription_state_is_dropped_and_counted()
    {
        var update = Update(WithAttributes("\"email_subscribe\":\"maybe\",\"a\":\"1\""));

        Assert.Equal(BrazeWarningKind.InvalidValue, Assert.Single(update.Warnings).Kind);
        Assert.DoesNotContain(update.Attributes, a => a.Name == "email_subscribe");
    }

    [Fact]
    public void Attribute_names_that_are_braze_identifiers_or_profile_fields_are_dropped_and_counted()
    {
        var update = Update(WithAttributes("\"external_id\":\"x\",\"$push_tokens\":\"y\",\"email\":\"not-an-email\",\"gender\":\"x\",\"ok\":\"1\""));

        Assert.Equal(["ok"], update.Attributes.Select(a => a.Name));
        Assert.Equal(["external_id", "push_tokens", "email", "gender"], update.Warnings.Select(w => w.Name));
        Assert.All(update.Warnings, w => Assert.Equal(BrazeWarningKind.ReservedKey, w.Kind));
    }

    [Fact]
    public void A_custom_attribute_key_over_255_characters_is_dropped_and_a_long_value_is_cut_both_counted()
    {
        var update = Update(WithAttributes("\"" + new string('k', 256) + "\":\"v\",\"long\":\"" + new string('v', 256) + "\""));

        Assert.Equal([new BrazeProperty("long", BrazeValue.Of(new string('v', 255)))], update.Attributes);
        Assert.Equal([BrazeWarningKind.KeyTooLong, BrazeWarningKind.ValueTruncated], update.Warnings.Select(w => w.Kind));
    }

    [Fact]
    public void With_enriched_attributes_the_profiles_current_attributes_are_sent_with_every_batch()
    {
        var profile = Profile();
        profile.Attributes["$FirstName"] = new StoredAttribute { Kind = AttributeValueKind.String, Text = "Ann" };
        profile.Attributes["plan"] = new StoredAttribute { Kind = AttributeValueKind.String, Text = "pro" };
        profile.Attributes["old"] = new StoredAttribute { Deleted = true };
        var batch = WithAttributes("\"tier\":\"gold\"");

        JsonEqual("""{"attributes":[{"external_id":"c1","first_name":"Ann","plan":"pro","tier":"gold"}]}""", Json(batch, profile: profile));
    }

    [Fact]
    public void With_enriched_attributes_a_removal_in_this_batch_is_sent_once_as_null()
    {
        var profile = Profile();
        profile.Attributes["old"] = new StoredAttribute { Deleted = true };
        var batch = WithAttributes("", ",\"deleted_user_attributes\":[\"old\"]");

        JsonEqual("""{"attributes":[{"external_id":"c1","old":null}]}""", Json(batch, profile: profile));
    }

    [Fact]
    public void Without_enriched_attributes_only_the_batchs_own_attributes_are_sent()
    {
        var profile = Profile();
        profile.Attributes["plan"] = new StoredAttribute { Kind = AttributeValueKind.String, Text = "pro" };

        JsonEqual(
            """{"attributes":[{"external_id":"c1","tier":"gold"}]}""",
            Json(WithAttributes("\"tier\":\"gold\""), Configured("\"includeEnrichedUserAttributes\":false"), profile));
    }

    [Fact]
    public void A_mobile_number_that_cannot_be_a_phone_number_is_dropped_and_counted_so_the_other_attributes_still_arrive()
    {
        var update = Update(WithAttributes("\"$Mobile\":\"call me\",\"a\":\"1\""));

        Assert.Equal([new BrazeProperty("a", BrazeValue.Of("1"))], update.Attributes);
        Assert.Equal((BrazeWarningKind.InvalidValue, "$Mobile"), (update.Warnings[0].Kind, update.Warnings[0].Name));
    }

    [Fact]
    public void A_formatted_phone_number_is_sent_as_given()
    {
        JsonEqual("""{"attributes":[{"external_id":"c1","phone":"+49 (151) 123-456"}]}""", Attributes("\"$Mobile\":\"+49 (151) 123-456\""));
    }

    [Fact]
    public void An_email_identity_that_cannot_be_an_email_address_is_dropped_and_counted()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1","email":"not-an-email"},"user_attributes":{"a":"1"}}""");

        var update = Update(batch);

        Assert.DoesNotContain(update.Attributes, a => a.Name == "email");
        Assert.Equal((BrazeWarningKind.InvalidValue, "email"), (update.Warnings[0].Kind, update.Warnings[0].Name));
    }

    [Fact]
    public void Without_enriched_attributes_attribute_change_events_are_sent_too_and_the_batch_map_wins()
    {
        var batch = WithEvents("""
            {"event_type":"user_attribute_change","data":{"user_attribute_name":"plan","new":"free","timestamp_unixtime_ms":1767323045678}},
            {"event_type":"user_attribute_change","data":{"user_attribute_name":"$City","new":"Rome","timestamp_unixtime_ms":1767323045678}},
            {"event_type":"user_attribute_change","data":{"user_attribute_name":"old","deleted":true,"timestamp_unixtime_ms":1767323045678}}
            """, ",\"user_attributes\":{\"plan\":\"pro\"}");

        JsonEqual(
            """{"attributes":[{"external_id":"c1","plan":"pro","home_city":"Rome","old":null}]}""",
            Json(batch, Configured("\"includeEnrichedUserAttributes\":false")));
    }

    [Fact]
    public void An_object_valued_custom_attribute_is_dropped_and_counted()
    {
        var profile = Profile();
        profile.Attributes["prefs"] = new StoredAttribute { Kind = AttributeValueKind.Object, Text = "{\"a\":1}" };
        profile.Attributes["ok"] = new StoredAttribute { Kind = AttributeValueKind.String, Text = "1" };

        var update = Update(WithAttributes(""), profile: profile);

        Assert.Equal(["ok"], update.Attributes.Select(a => a.Name));
        Assert.Equal((BrazeWarningKind.UnsupportedValue, "prefs"), (update.Warnings[0].Kind, update.Warnings[0].Name));
    }

    [Fact]
    public void A_tag_on_a_reserved_attribute_clears_the_field_except_age_which_is_ignored_and_zip_which_follows_the_tags_value()
    {
        JsonEqual(
            """{"attributes":[{"external_id":"c1","first_name":null,"gender":null,"phone":null,"Zip":"true"}]}""",
            Attributes("\"$FirstName\":null,\"$Gender\":null,\"$Mobile\":null,\"$Age\":null,\"$Zip\":null"));
    }
}
