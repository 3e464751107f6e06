using Switchyard.Braze.Mapping;
using Switchyard.Core.Profiles;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

public sealed class IdentityMappingTests
{
    private static readonly string Played = $$$"""{"event_type":"custom_event","data":{"event_name":"Played","custom_event_type":"media","timestamp_unixtime_ms":{{{T1}}}}}""";

    [Fact]
    public void The_customer_id_is_the_external_id_of_every_object()
    {
        var batch = Batch($$"""
            {"environment":"production","user_identities":{"customer_id":"c1","email":"a@example.com"},
             "user_attributes":{"tier":"gold"},"events":[{{Played}}]}
            """);

        JsonEqual($$"""
            {"attributes":[{"external_id":"c1","tier":"gold","email":"a@example.com"}],
             "events":[{"external_id":"c1","name":"Played","time":"{{T1Text}}"}]}
            """, Json(batch));
    }

    [Fact]
    public void The_mpid_identity_type_sends_the_resolved_profiles_mpid()
    {
        var batch = Batch($$"""{"environment":"production","mpid":7,"user_identities":{"email":"a@example.com"},"events":[{{Played}}]}""");

        var update = Update(batch, Configured("\"externalIdentityType\":\"MPID\""), Profile(-8_000_000_000_000_000_001));

        Assert.Equal("-8000000000000000001", update.ExternalId);
    }

    [Fact]
    public void An_other_identity_type_reads_that_identity_from_the_batch()
    {
        var batch = Batch($$"""{"environment":"production","user_identities":{"customer_id":"c1","other_id_3":"o3"},"events":[{{Played}}]}""");

        Assert.Equal("o3", Update(batch, Configured("\"externalIdentityType\":\"Other3\"")).ExternalId);
    }

    [Fact]
    public void An_identity_missing_from_the_batch_is_taken_from_the_profile()
    {
        var batch = Batch($$"""{"environment":"production","events":[{{Played}}]}""");
        var profile = Profile();
        profile.UserIdentities["customer_id"] = "from-profile";
        profile.UserIdentities["email"] = "p@example.com";

        var update = Update(batch, profile: profile);

        Assert.Equal("from-profile", update.ExternalId);
        Assert.Contains(new BrazeProperty("email", BrazeValue.Of("p@example.com")), update.Attributes);
    }

    [Fact]
    public void The_email_identity_type_chooses_which_identity_becomes_the_braze_email()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1","email":"a@example.com","other":"o@example.com"}}""");

        JsonEqual("""{"attributes":[{"external_id":"c1","email":"o@example.com"}]}""", Json(batch, Configured("\"emailIdentityType\":\"Other\"")));
    }

    [Fact]
    public void The_email_can_be_the_external_id_too()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"email":"a@example.com"}}""");

        JsonEqual(
            """{"attributes":[{"external_id":"a@example.com","email":"a@example.com"}]}""",
            Json(batch, Configured("\"externalIdentityType\":\"Email\"")));
    }

    [Fact]
    public void A_user_without_the_external_identity_or_a_push_token_is_skipped()
    {
        var batch = Batch($$"""{"environment":"production","user_identities":{"email":"a@example.com"},"user_attributes":{"a":"1"},"events":[{{Played}}]}""");

        var outcome = BrazeUserMapper.Map(batch, Profile(), Configured(), Now);

        Assert.Equal(new BrazeSkipped(BrazeSkipReason.NoExternalIdentityOrPushToken), outcome);
    }

    [Fact]
    public void A_known_user_with_nothing_braze_takes_is_skipped_as_nothing_to_send()
    {
        var batch = WithEvents("""{"event_type":"crash_report","data":{}},{"event_type":"screen_view","data":{"screen_name":"Home"}}""");

        Assert.Equal(new BrazeSkipped(BrazeSkipReason.NothingToSend), BrazeUserMapper.Map(batch, Profile(), Configured(), Now));
    }

    [Fact]
    public void A_user_known_only_by_a_push_token_is_imported_anonymously_and_its_events_are_dropped_and_counted()
    {
        var batch = Batch($$"""
            {"environment":"production","user_identities":{"email":"a@example.com"},"device_info":{"platform":"iOS","push_token":"tok-1"},
             "user_attributes":{"$FirstName":"Ann"},"events":[{{Played}}]}
            """);

        var update = Update(batch, Configured("\"appIdentifierApiKey\":\"app-ios\""));

        JsonEqual("""
            {"attributes":[{"push_token_import":true,"first_name":"Ann","email":"a@example.com","push_tokens":[{"app_id":"app-ios","token":"tok-1"}]}]}
            """, update);
        var warning = Assert.Single(update.Warnings);
        Assert.Equal(BrazeWarningKind.NoIdentifierForEvent, warning.Kind);
        Assert.Equal("Played", warning.Name);
    }

    [Fact]
    public void Facebook_and_twitter_identities_become_the_braze_social_profile_fields()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1","facebook":"fb-1","twitter":"12345"}}""");

        JsonEqual("""{"attributes":[{"external_id":"c1","facebook":{"id":"fb-1"},"twitter":{"id":12345}}]}""", Json(batch));
    }

    [Fact]
    public void A_twitter_identity_that_is_not_a_number_is_sent_as_the_screen_name()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1","twitter":"@ann"}}""");

        JsonEqual("""{"attributes":[{"external_id":"c1","twitter":{"screen_name":"@ann"}}]}""", Json(batch));
    }

    [Fact]
    public void Social_identities_from_the_profile_are_sent_only_with_enriched_identities()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1"},"user_attributes":{"a":"1"}}""");
        var profile = Profile();
        profile.UserIdentities["facebook"] = "fb-1";

        Assert.Contains(Update(batch, profile: profile).Attributes, a => a.Name == "facebook");
        Assert.Contains(Update(batch, Configured("\"includeEnrichedUserAttributes\":false"), profile).Attributes, a => a.Name == "facebook");
        Assert.DoesNotContain(Update(batch, Configured("\"includeEnrichedUserIdentities\":false"), profile).Attributes, a => a.Name == "facebook");
    }

    [Theory]
    [InlineData("CustomerId", "v-customer_id")]
    [InlineData("Email", "v@email.example")]
    [InlineData("Other", "v-other")]
    [InlineData("Other2", "v-other_id_2")]
    [InlineData("Other3", "v-other_id_3")]
    [InlineData("Other4", "v-other_id_4")]
    [InlineData("Other5", "v-other_id_5")]
    [InlineData("Other6", "v-other_id_6")]
    [InlineData("Other7", "v-other_id_7")]
    [InlineData("Other8", "v-other_id_8")]
    [InlineData("Other9", "v-other_id_9")]
    [InlineData("Other10", "v-other_id_10")]
    [InlineData("Facebook", "v-facebook")]
    [InlineData("Twitter", "v-twitter")]
    [InlineData("Google", "v-google")]
    [InlineData("Microsoft", "v-microsoft")]
    [InlineData("Yahoo", "v-yahoo")]
    [InlineData("Alias", "v-alias")]
    [InlineData("MPID", "42")]
    public void Each_external_identity_type_reads_its_own_identity(string type, string expected)
    {
        var batch = Batch("""
            {"environment":"production","user_attributes":{"a":"1"},"user_identities":{
              "customer_id":"v-customer_id","email":"v@email.example","other":"v-other","other_id_2":"v-other_id_2","other_id_3":"v-other_id_3",
              "other_id_4":"v-other_id_4","other_id_5":"v-other_id_5","other_id_6":"v-other_id_6","other_id_7":"v-other_id_7",
              "other_id_8":"v-other_id_8","other_id_9":"v-other_id_9","other_id_10":"v-other_id_10","facebook":"v-facebook",
              "twitter":"v-twitter","google":"v-google","microsoft":"v-microsoft","yahoo":"v-yahoo","alias":"v-alias"}}
            """);

        Assert.Equal(expected, Update(batch, Configured("\"externalIdentityType\":\"" + type + "\""), Profile(42)).ExternalId);
    }

    [Fact]
    public void Without_enriched_identities_the_profiles_email_is_not_re_sent_but_its_external_id_still_identifies_the_user()
    {
        var batch = Batch("""{"environment":"production","user_attributes":{"a":"1"}}""");
        var profile = Profile();
        profile.UserIdentities["customer_id"] = "from-profile";
        profile.UserIdentities["email"] = "p@example.com";

        var update = Update(batch, Configured("\"includeEnrichedUserIdentities\":false"), profile);

        Assert.Equal("from-profile", update.ExternalId);
        Assert.DoesNotContain(update.Attributes, a => a.Name == "email");
    }

    [Fact]
    public void Enriched_identities_are_a_setting_of_their_own_so_the_profiles_email_goes_without_enriched_attributes()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1"},"user_attributes":{"a":"1"}}""");
        var profile = Profile();
        profile.UserIdentities["email"] = "p@example.com";
        profile.Attributes["stored"] = new StoredAttribute { Kind = Switchyard.Core.Ingest.Model.AttributeValueKind.String, Text = "x" };

        var update = Update(batch, Configured("\"includeEnrichedUserAttributes\":false"), profile);

        Assert.Contains(update.Attributes, a => a.Name == "email");
        Assert.DoesNotContain(update.Attributes, a => a.Name == "stored");
    }
}
