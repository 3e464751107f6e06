using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Tests.Settings;

public sealed class BrazeOutputSettingsTests
{
    private static BrazeOutputSettings Valid(string json)
    {
        var result = BrazeOutputSettings.Parse(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Settings!;
    }

    private static BrazeSettingsError SingleError(string json)
    {
        var result = BrazeOutputSettings.Parse(json);
        Assert.False(result.IsValid);
        Assert.Null(result.Settings);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Only_the_rest_key_is_required_and_every_other_setting_has_its_documented_default()
    {
        var s = Valid("""{"restApiKey":"rest-key-1"}""");

        Assert.Equal("rest-key-1", s.RestApiKey);
        Assert.Null(s.AppIdentifierApiKey);
        Assert.Null(s.ApiKeyOperatingSystem);
        Assert.Equal(BrazeIdentityType.CustomerId, s.ExternalIdentityType);
        Assert.Equal(BrazeIdentityType.Email, s.EmailIdentityType);
        Assert.Equal(BrazeInstance.Us03, s.Instance);
        Assert.Equal(new Uri("https://rest.iad-03.braze.com"), s.RestEndpoint);
        Assert.False(s.ForwardScreenViews);
        Assert.False(s.ForwardSessionEvents);
        Assert.False(s.SetEventNameForPageView);
        Assert.Equal(CustomAttributeTypeDetection.None, s.CustomAttributeTypeDetection);
        Assert.False(s.BundleCommerceEventData);
        Assert.True(s.IncludeEnrichedUserAttributes);
        Assert.False(s.SendUserAttributeListsAsArrays);
        Assert.Equal("true", s.UserTagsValue);
        Assert.False(s.EventStreamForwarding);
        Assert.Equal(BrazeBatchRule.Combined75, s.BatchRule);
        Assert.Equal(3000, s.RateLimit);
    }

    [Fact]
    public void Every_setting_is_read_from_its_camel_case_field()
    {
        var s = Valid("""
            {
              // comments and trailing commas are allowed, as in the workspace file
              "restApiKey": "k",
              "appIdentifierApiKey": "app-1",
              "apiKeyOperatingSystem": "Android",
              "externalIdentityType": "Other3",
              "emailIdentityType": "Other",
              "instance": "EU-02",
              "forwardScreenViews": true,
              "forwardSessionEvents": true,
              "setEventNameForPageView": true,
              "screenViewEventPrefix": "Viewed: ",
              "commerceAmountsAs": "number",
              "customAttributeTypeDetection": "both",
              "bundleCommerceEventData": true,
              "includeEnrichedUserAttributes": false,
              "includeEnrichedUserIdentities": false,
              "sendUserAttributeListsAsArrays": true,
              "userTagsValue": null,
              "eventStreamForwarding": false,
              "batchRule": "PerArray75",
              "rateLimit": 50,
            }
            """);

        Assert.Equal("app-1", s.AppIdentifierApiKey);
        Assert.Equal(DevicePlatform.Android, s.ApiKeyOperatingSystem);
        Assert.Equal(BrazeIdentityType.Other3, s.ExternalIdentityType);
        Assert.Equal(BrazeIdentityType.Other, s.EmailIdentityType);
        Assert.Equal(new Uri("https://rest.fra-02.braze.eu"), s.RestEndpoint);
        Assert.True(s.ForwardScreenViews);
        Assert.True(s.ForwardSessionEvents);
        Assert.True(s.SetEventNameForPageView);
        Assert.Equal(CustomAttributeTypeDetection.Both, s.CustomAttributeTypeDetection);
        Assert.True(s.BundleCommerceEventData);
        Assert.False(s.IncludeEnrichedUserAttributes);
        Assert.False(s.IncludeEnrichedUserIdentities);
        Assert.Equal("Viewed: ", s.ScreenViewEventPrefix);
        Assert.Equal(CommerceAmounts.Number, s.CommerceAmountsAs);
        Assert.True(s.SendUserAttributeListsAsArrays);
        Assert.Null(s.UserTagsValue);
        Assert.False(s.EventStreamForwarding);
        Assert.Equal(BrazeBatchRule.PerArray75, s.BatchRule);
        Assert.Equal(50, s.RateLimit);
    }

    [Fact]
    public void The_contested_mapping_rules_default_to_mparticles_documented_behaviour()
    {
        var s = Valid("""{"restApiKey":"k"}""");

        Assert.Equal("Viewed ", s.ScreenViewEventPrefix);
        Assert.Equal(CommerceAmounts.String, s.CommerceAmountsAs);
        Assert.True(s.IncludeEnrichedUserIdentities);
    }

    [Theory]
    [InlineData("""{"restApiKey":"k","commerceAmountsAs":"float"}""", "commerceAmountsAs")]
    [InlineData("""{"restApiKey":"k","screenViewEventPrefix":5}""", "screenViewEventPrefix")]
    [InlineData("""{"restApiKey":"k","screenViewEventPrefix":"line\nbreak"}""", "screenViewEventPrefix")]
    [InlineData("""{"restApiKey":"k","screenViewEventPrefix":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""", "screenViewEventPrefix")]
    [InlineData("""{"restApiKey":"k","includeEnrichedUserIdentities":"yes"}""", "includeEnrichedUserIdentities")]
    public void A_bad_mapping_option_is_an_error_naming_its_field(string json, string field) =>
        Assert.Equal(field, SingleError(json).Field);

    [Fact]
    public void Event_stream_forwarding_is_refused_with_a_message_naming_the_field()
    {
        var error = SingleError("""{"restApiKey":"k","instance":"US-01","eventStreamForwarding":true}""");

        Assert.Equal("eventStreamForwarding", error.Field);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("US-01", "https://rest.iad-01.braze.com/")]
    [InlineData("US-02", "https://rest.iad-02.braze.com/")]
    [InlineData("US-03", "https://rest.iad-03.braze.com/")]
    [InlineData("US-04", "https://rest.iad-04.braze.com/")]
    [InlineData("US-05", "https://rest.iad-05.braze.com/")]
    [InlineData("US-06", "https://rest.iad-06.braze.com/")]
    [InlineData("US-07", "https://rest.iad-07.braze.com/")]
    [InlineData("US-08", "https://rest.iad-08.braze.com/")]
    [InlineData("US-10", "https://rest.us-10.braze.com/")]
    [InlineData("EU-01", "https://rest.fra-01.braze.eu/")]
    [InlineData("eu-02", "https://rest.fra-02.braze.eu/")]
    [InlineData("AU-01", "https://rest.au-01.braze.com/")]
    [InlineData("ID-01", "https://rest.id-01.braze.com/")]
    [InlineData("JP-01", "https://rest.jp-01.braze.com/")]
    [InlineData("KR-01", "https://rest.kr-01.braze.com/")]
    public void Each_instance_maps_to_its_rest_host(string instance, string expected)
    {
        var s = Valid($$"""{"restApiKey":"k","instance":"{{instance}}"}""");

        Assert.Equal(expected, s.RestEndpoint.ToString());
    }

    [Fact]
    public void There_is_no_us_09_instance()
    {
        var error = SingleError("""{"restApiKey":"k","instance":"US-09"}""");

        Assert.Equal("instance", error.Field);
        Assert.Contains("'US-09' is not one of", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://braze.example.com", "https://braze.example.com/")]
    [InlineData("rest.example.com", "https://rest.example.com/")]
    [InlineData("http://127.0.0.1:8081", "http://127.0.0.1:8081/")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    [InlineData("https://proxy.example.com/braze", "https://proxy.example.com/braze/")]
    public void A_custom_instance_takes_an_https_endpoint_or_loopback_http(string endpoint, string expected)
    {
        var s = Valid($$"""{"restApiKey":"k","instance":"Custom","customRestEndpoint":"{{endpoint}}"}""");

        Assert.Equal(BrazeInstance.Custom, s.Instance);
        Assert.Equal(expected, s.RestEndpoint.ToString());
    }

    [Theory]
    [InlineData("http://rest.example.com", "must use https")]
    [InlineData("http://10.0.0.5:8080", "must use https")]
    [InlineData("ftp://rest.example.com", "must use https")]
    [InlineData("https://rest.example.com/?x=1", "must not contain")]
    [InlineData("https://user:pw@rest.example.com", "must not contain")]
    [InlineData("https://", "is not a URL")]
    [InlineData("", "is required with instance 'Custom'")]
    public void A_custom_endpoint_that_is_not_https_or_not_a_plain_url_is_refused(string endpoint, string message)
    {
        var error = SingleError($$"""{"restApiKey":"k","instance":"Custom","customRestEndpoint":"{{endpoint}}"}""");

        Assert.Equal("customRestEndpoint", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_instance_without_an_endpoint_is_refused()
    {
        Assert.Equal("customRestEndpoint", SingleError("""{"restApiKey":"k","instance":"Custom"}""").Field);
    }

    [Fact]
    public void A_custom_endpoint_with_a_named_instance_is_refused()
    {
        var error = SingleError("""{"restApiKey":"k","instance":"US-01","customRestEndpoint":"https://x.example.com"}""");

        Assert.Equal("customRestEndpoint", error.Field);
    }

    [Theory]
    [InlineData("CustomerId", BrazeIdentityType.CustomerId)]
    [InlineData("Email", BrazeIdentityType.Email)]
    [InlineData("Other", BrazeIdentityType.Other)]
    [InlineData("Other2", BrazeIdentityType.Other2)]
    [InlineData("Other10", BrazeIdentityType.Other10)]
    [InlineData("Facebook", BrazeIdentityType.Facebook)]
    [InlineData("Twitter", BrazeIdentityType.Twitter)]
    [InlineData("Google", BrazeIdentityType.Google)]
    [InlineData("Microsoft", BrazeIdentityType.Microsoft)]
    [InlineData("Yahoo", BrazeIdentityType.Yahoo)]
    [InlineData("Alias", BrazeIdentityType.Alias)]
    [InlineData("MPID", BrazeIdentityType.Mpid)]
    public void Each_external_identity_type_is_accepted(string name, BrazeIdentityType expected)
    {
        Assert.Equal(expected, Valid($$"""{"restApiKey":"k","externalIdentityType":"{{name}}"}""").ExternalIdentityType);
    }

    [Fact]
    public void Mpid_cannot_be_the_email_identity()
    {
        Assert.Equal("emailIdentityType", SingleError("""{"restApiKey":"k","emailIdentityType":"MPID"}""").Field);
    }

    [Fact]
    public void An_unknown_field_is_refused_by_name()
    {
        var error = SingleError("""{"restApiKey":"k","forwardScreenView":true}""");

        Assert.Equal("forwardScreenView", error.Field);
        Assert.Equal("unknown field.", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_field()
    {
        var error = SingleError("""{"restApiKey":"k","rateLimit":"fast"}""");

        Assert.Equal("rateLimit", error.Field);
        Assert.Contains("wrong type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once()
    {
        var result = BrazeOutputSettings.Parse("""
            {"externalIdentityType":"Phone","instance":"Mars","customAttributeTypeDetection":"all",
             "userTagsValue":"yes","batchRule":"Combined100","rateLimit":0,"apiKeyOperatingSystem":"BeOS"}
            """);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["restApiKey", "apiKeyOperatingSystem", "externalIdentityType", "instance", "customAttributeTypeDetection", "userTagsValue", "batchRule", "rateLimit"],
            result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("""{"restApiKey":""}""")]
    [InlineData("""{"restApiKey":"a key"}""")]
    [InlineData("""{"restApiKey":"\"quoted\""}""")]
    public void A_missing_blank_or_quoted_rest_key_is_refused(string json)
    {
        Assert.Equal("restApiKey", SingleError(json).Field);
    }

    [Theory]
    [InlineData("""{"restApiKey":"replace-with-your-rest-api-key"}""")]
    [InlineData("""{"restApiKey":"..."}""")]
    [InlineData("""{"restApiKey":"<rest api key>"}""")]
    public void A_rest_key_still_equal_to_a_documented_placeholder_is_refused_with_advice(string json)
    {
        var error = SingleError(json);

        Assert.Equal("restApiKey", error.Field);
        Assert.Contains("still the placeholder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sandbox_instance_outside_serve_explains_itself()
    {
        var error = SingleError("""{"restApiKey":"k","instance":"Sandbox"}""");

        Assert.Equal("instance", error.Field);
        Assert.Contains("switchyard serve --config FILE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("null")]
    public void A_document_that_is_not_an_object_is_refused(string json)
    {
        Assert.False(BrazeOutputSettings.Parse(json).IsValid);
    }

    [Fact]
    public void The_rest_key_never_appears_in_to_string_or_the_redacted_view()
    {
        var s = Valid("""{"restApiKey":"super-secret-rest-key","appIdentifierApiKey":"app-1","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9000"}""");

        Assert.DoesNotContain("super-secret-rest-key", s.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-rest-key", s.Redacted(), StringComparison.Ordinal);
        Assert.Equal(
            """{"restApiKey":"[redacted]","appIdentifierApiKey":"app-1","externalIdentityType":"CustomerId","emailIdentityType":"Email","instance":"Custom","restEndpoint":"http://127.0.0.1:9000/","forwardScreenViews":false,"forwardSessionEvents":false,"setEventNameForPageView":false,"screenViewEventPrefix":"Viewed ","commerceAmountsAs":"string","customAttributeTypeDetection":"none","bundleCommerceEventData":false,"includeEnrichedUserAttributes":true,"includeEnrichedUserIdentities":true,"sendUserAttributeListsAsArrays":false,"userTagsValue":"true","eventStreamForwarding":false,"batchRule":"Combined75","rateLimit":3000,"ledgerMaxAge":"P30D","reconcileExportsPerMinute":200,"reconcileSamplePerHour":0}""",
            s.Redacted());
    }

    [Theory]
    [InlineData("none", CustomAttributeTypeDetection.None)]
    [InlineData("user", CustomAttributeTypeDetection.UserAttributes)]
    [InlineData("event", CustomAttributeTypeDetection.EventAttributes)]
    [InlineData("both", CustomAttributeTypeDetection.Both)]
    public void Type_detection_takes_none_user_event_or_both(string name, CustomAttributeTypeDetection expected)
    {
        Assert.Equal(expected, Valid($$"""{"restApiKey":"k","customAttributeTypeDetection":"{{name}}"}""").CustomAttributeTypeDetection);
    }

    [Theory]
    [InlineData("PerArray75", BrazeBatchRule.PerArray75)]
    [InlineData("Combined75", BrazeBatchRule.Combined75)]
    [InlineData("Combined50", BrazeBatchRule.Combined50)]
    public void The_batch_rule_takes_the_three_documented_limits(string name, BrazeBatchRule expected)
    {
        Assert.Equal(expected, Valid($$"""{"restApiKey":"k","batchRule":"{{name}}"}""").BatchRule);
    }

    [Fact]
    public void A_numeric_batch_rule_is_refused()
    {
        Assert.Equal("batchRule", SingleError("""{"restApiKey":"k","batchRule":"1"}""").Field);
    }

    [Fact]
    public void A_repeated_field_is_refused()
    {
        var error = SingleError("""{"restApiKey":"a","restApiKey":"b"}""");

        Assert.Equal("restApiKey", error.Field);
        Assert.Equal("appears more than once.", error.Message);
    }

    [Theory]
    [InlineData(null, 30 * 24 * 3600)]
    [InlineData("\"PT0S\"", 0)]
    [InlineData("\"PT90M\"", 90 * 60)]
    [InlineData("\"P7D\"", 7 * 24 * 3600)]
    public void ledgerMaxAge_is_an_ISO_8601_duration_of_30_days_by_default(string? value, int seconds)
    {
        var json = value is null ? """{"restApiKey":"k"}""" : $$"""{"restApiKey":"k","ledgerMaxAge":{{value}}}""";
        var result = BrazeOutputSettings.Parse(json);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.Settings!.LedgerMaxAge);
        Assert.Contains("\"ledgerMaxAge\":\"", result.Settings.Redacted(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"30d\"", "is not an ISO 8601 duration")]
    [InlineData("\"-PT1H\"", "is negative")]
    [InlineData("\"\"", "is not an ISO 8601 duration")]
    public void A_bad_ledgerMaxAge_is_refused_naming_the_field(string value, string message)
    {
        var error = SingleError($$"""{"restApiKey":"k","ledgerMaxAge":{{value}}}""");

        Assert.Equal("ledgerMaxAge", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
