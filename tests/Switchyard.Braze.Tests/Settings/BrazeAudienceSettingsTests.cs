using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Tests.Settings;

public sealed class BrazeAudienceSettingsTests
{
    private static BrazeAudienceSettings Valid(string json)
    {
        var result = BrazeAudienceSettings.Parse(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Settings!;
    }

    private static BrazeSettingsError SingleError(string json)
    {
        var result = BrazeAudienceSettings.Parse(json);
        Assert.False(result.IsValid);
        Assert.Null(result.Settings);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Only_the_rest_key_is_required_and_the_defaults_are_single_string_customer_id_email_and_no_push_tokens()
    {
        var s = Valid("""{"restApiKey":"rest-key-1"}""");

        Assert.Equal("rest-key-1", s.RestApiKey);
        Assert.Null(s.ApiKey);
        Assert.Null(s.ApiKeyOperatingSystem);
        Assert.Equal(SendSegmentsAs.String, s.SendSegmentsAs);
        Assert.Equal(BrazeIdentityType.CustomerId, s.ExternalIdentityType);
        Assert.Equal(BrazeIdentityType.Email, s.EmailIdentityType);
        Assert.Equal(BrazeInstance.Us03, s.Instance);
        Assert.Equal(new Uri("https://rest.iad-03.braze.com"), s.RestEndpoint);
        Assert.Equal(3000, s.RateLimit);
        Assert.Equal(BrazeBatchRule.Combined75, s.BatchRule);
    }

    [Fact]
    public void Every_setting_is_read_from_its_camel_case_field()
    {
        var s = Valid("""
            {
              // comments and trailing commas are allowed
              "apiKey": "app-1",
              "apiKeyOperatingSystem": "iOS",
              "sendSegmentsAs": "all",
              "restApiKey": "k",
              "externalIdentityType": "customer_id",
              "emailIdentityType": "Other",
              "instance": "Custom",
              "customRestEndpoint": "braze.example.com/proxy",
              "rateLimit": 100,
              "batchRule": "Combined50",
            }
            """);

        Assert.Equal("app-1", s.ApiKey);
        Assert.Equal(DevicePlatform.IOS, s.ApiKeyOperatingSystem);
        Assert.Equal(SendSegmentsAs.String | SendSegmentsAs.Array | SendSegmentsAs.PerSegment, s.SendSegmentsAs);
        Assert.Equal(BrazeIdentityType.CustomerId, s.ExternalIdentityType);
        Assert.Equal(BrazeIdentityType.Other, s.EmailIdentityType);
        Assert.Equal(new Uri("https://braze.example.com/proxy/"), s.RestEndpoint);
        Assert.Equal(100, s.RateLimit);
        Assert.Equal(BrazeBatchRule.Combined50, s.BatchRule);
    }

    [Theory]
    [InlineData("single_string", SendSegmentsAs.String)]
    [InlineData("single_array", SendSegmentsAs.Array)]
    [InlineData("one_attribute_per_segment", SendSegmentsAs.PerSegment)]
    [InlineData("array_and_string", SendSegmentsAs.Array | SendSegmentsAs.String)]
    [InlineData("array_and_per_segment", SendSegmentsAs.Array | SendSegmentsAs.PerSegment)]
    [InlineData("string_and_per_segment", SendSegmentsAs.String | SendSegmentsAs.PerSegment)]
    [InlineData("all", SendSegmentsAs.String | SendSegmentsAs.Array | SendSegmentsAs.PerSegment)]
    public void Each_of_the_seven_send_segments_as_values_maps_to_its_forms(string name, SendSegmentsAs expected)
    {
        Assert.Equal(expected, Valid($$"""{"restApiKey":"k","sendSegmentsAs":"{{name}}"}""").SendSegmentsAs);
    }

    [Theory]
    [InlineData("""{"restApiKey":"k","sendSegmentsAs":"both"}""", "sendSegmentsAs")]
    [InlineData("""{"restApiKey":"k","sendSegmentsAs":"Single_String"}""", "sendSegmentsAs")]
    [InlineData("""{"restApiKey":""}""", "restApiKey")]
    [InlineData("""{}""", "restApiKey")]
    [InlineData("""{"restApiKey":"a key"}""", "restApiKey")]
    [InlineData("""{"restApiKey":"k","apiKey":" "}""", "apiKey")]
    [InlineData("""{"restApiKey":"k","apiKeyOperatingSystem":"BeOS","apiKey":"a"}""", "apiKeyOperatingSystem")]
    [InlineData("""{"restApiKey":"k","apiKeyOperatingSystem":"iOS"}""", "apiKeyOperatingSystem")]
    [InlineData("""{"restApiKey":"k","externalIdentityType":"Phone"}""", "externalIdentityType")]
    [InlineData("""{"restApiKey":"k","emailIdentityType":"MPID"}""", "emailIdentityType")]
    [InlineData("""{"restApiKey":"k","instance":"US-09"}""", "instance")]
    [InlineData("""{"restApiKey":"k","instance":"Custom"}""", "customRestEndpoint")]
    [InlineData("""{"restApiKey":"k","customRestEndpoint":"braze.example.com"}""", "customRestEndpoint")]
    [InlineData("""{"restApiKey":"k","instance":"Custom","customRestEndpoint":"http://braze.example.com"}""", "customRestEndpoint")]
    [InlineData("""{"restApiKey":"k","rateLimit":0}""", "rateLimit")]
    [InlineData("""{"restApiKey":"k","batchRule":"Combined100"}""", "batchRule")]
    [InlineData("""{"restApiKey":"k","ledgerMaxAge":"30 days"}""", "ledgerMaxAge")]
    [InlineData("""{"restApiKey":"k","ledgerMaxAge":"-P1D"}""", "ledgerMaxAge")]
    [InlineData("""{"restApiKey":"k","reconcileExportsPerMinute":0}""", "reconcileExportsPerMinute")]
    [InlineData("""{"restApiKey":"k","reconcileSamplePerHour":-1}""", "reconcileSamplePerHour")]
    [InlineData("""{"restApiKey":"k","reconcileExportsPerMinute":1,"reconcileSamplePerHour":3001}""", "reconcileSamplePerHour")]
    public void Each_invalid_value_is_refused_naming_its_camel_case_field(string json, string field)
    {
        Assert.Equal(field, SingleError(json).Field);
    }

    [Fact]
    public void An_unknown_or_snake_case_field_is_refused_by_name()
    {
        var error = SingleError("""{"restApiKey":"k","rest_api_key":"k"}""");

        Assert.Equal("rest_api_key", error.Field);
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
        var result = BrazeAudienceSettings.Parse("""{"sendSegmentsAs":"x","instance":"Mars","rateLimit":-1}""");

        Assert.Equal(["sendSegmentsAs", "restApiKey", "instance", "rateLimit"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void The_rest_key_never_appears_in_to_string_the_redacted_view_or_the_connection()
    {
        var s = Valid("""{"restApiKey":"super-secret-rest-key","apiKey":"app-1","apiKeyOperatingSystem":"Android","sendSegmentsAs":"string_and_per_segment","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9000"}""");

        Assert.DoesNotContain("super-secret-rest-key", s.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-rest-key", s.Connection.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            """{"apiKey":"app-1","apiKeyOperatingSystem":"Android","sendSegmentsAs":"string_and_per_segment","segmentMembershipFormat":"quoted","restApiKey":"[redacted]","externalIdentityType":"CustomerId","emailIdentityType":"Email","instance":"Custom","restEndpoint":"http://127.0.0.1:9000/","rateLimit":3000,"batchRule":"Combined75","ledgerMaxAge":"P30D","reconcileExportsPerMinute":200,"reconcileSamplePerHour":0}""",
            s.Redacted());
    }

    [Fact]
    public void An_audience_output_and_an_event_output_with_the_same_rest_key_share_one_rate_gate()
    {
        var gates = new BrazeRateGates(TimeProvider.System);
        var audience = Valid("""{"restApiKey":"shared-key","rateLimit":50}""");
        var events = BrazeOutputSettings.Parse("""{"restApiKey":"shared-key"}""").Settings!;

        Assert.Same(gates.For(events), gates.For(audience.Connection));
    }
}
