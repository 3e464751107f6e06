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
        var s = Valid("""{"rest_api_key":"rest-key-1"}""");

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
    public void Every_setting_is_read_from_its_snake_case_field()
    {
        var s = Valid("""
            {
              // comments and trailing commas are allowed
              "api_key": "app-1",
              "api_key_operating_system": "iOS",
              "send_segments_as": "all",
              "rest_api_key": "k",
              "external_identity_type": "customer_id",
              "email_identity_type": "Other",
              "instance": "Custom",
              "custom_rest_endpoint": "braze.example.com/proxy",
              "rate_limit": 100,
              "batch_rule": "Combined50",
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
        Assert.Equal(expected, Valid($$"""{"rest_api_key":"k","send_segments_as":"{{name}}"}""").SendSegmentsAs);
    }

    [Theory]
    [InlineData("""{"rest_api_key":"k","send_segments_as":"both"}""", "send_segments_as")]
    [InlineData("""{"rest_api_key":"k","send_segments_as":"Single_String"}""", "send_segments_as")]
    [InlineData("""{"rest_api_key":""}""", "rest_api_key")]
    [InlineData("""{}""", "rest_api_key")]
    [InlineData("""{"rest_api_key":"a key"}""", "rest_api_key")]
    [InlineData("""{"rest_api_key":"k","api_key":" "}""", "api_key")]
    [InlineData("""{"rest_api_key":"k","api_key_operating_system":"BeOS","api_key":"a"}""", "api_key_operating_system")]
    [InlineData("""{"rest_api_key":"k","api_key_operating_system":"iOS"}""", "api_key_operating_system")]
    [InlineData("""{"rest_api_key":"k","external_identity_type":"Phone"}""", "external_identity_type")]
    [InlineData("""{"rest_api_key":"k","email_identity_type":"MPID"}""", "email_identity_type")]
    [InlineData("""{"rest_api_key":"k","instance":"US-09"}""", "instance")]
    [InlineData("""{"rest_api_key":"k","instance":"Custom"}""", "custom_rest_endpoint")]
    [InlineData("""{"rest_api_key":"k","custom_rest_endpoint":"braze.example.com"}""", "custom_rest_endpoint")]
    [InlineData("""{"rest_api_key":"k","instance":"Custom","custom_rest_endpoint":"http://braze.example.com"}""", "custom_rest_endpoint")]
    [InlineData("""{"rest_api_key":"k","rate_limit":0}""", "rate_limit")]
    [InlineData("""{"rest_api_key":"k","batch_rule":"Combined100"}""", "batch_rule")]
    public void Each_invalid_value_is_refused_naming_its_snake_case_field(string json, string field)
    {
        Assert.Equal(field, SingleError(json).Field);
    }

    [Fact]
    public void An_unknown_or_camel_case_field_is_refused_by_name()
    {
        var error = SingleError("""{"rest_api_key":"k","restApiKey":"k"}""");

        Assert.Equal("restApiKey", error.Field);
        Assert.Equal("unknown field.", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_field()
    {
        var error = SingleError("""{"rest_api_key":"k","rate_limit":"fast"}""");

        Assert.Equal("rate_limit", error.Field);
        Assert.Contains("wrong type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once()
    {
        var result = BrazeAudienceSettings.Parse("""{"send_segments_as":"x","instance":"Mars","rate_limit":-1}""");

        Assert.Equal(["send_segments_as", "rest_api_key", "instance", "rate_limit"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void The_rest_key_never_appears_in_to_string_the_redacted_view_or_the_connection()
    {
        var s = Valid("""{"rest_api_key":"super-secret-rest-key","api_key":"app-1","api_key_operating_system":"Android","send_segments_as":"string_and_per_segment","instance":"Custom","custom_rest_endpoint":"http://127.0.0.1:9000"}""");

        Assert.DoesNotContain("super-secret-rest-key", s.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-rest-key", s.Connection.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            """{"api_key":"app-1","api_key_operating_system":"Android","send_segments_as":"string_and_per_segment","rest_api_key":"[redacted]","external_identity_type":"CustomerId","email_identity_type":"Email","instance":"Custom","rest_endpoint":"http://127.0.0.1:9000/","rate_limit":3000,"batch_rule":"Combined75"}""",
            s.Redacted());
    }

    [Fact]
    public void An_audience_output_and_an_event_output_with_the_same_rest_key_share_one_rate_gate()
    {
        var gates = new BrazeRateGates(TimeProvider.System);
        var audience = Valid("""{"rest_api_key":"shared-key","rate_limit":50}""");
        var events = BrazeOutputSettings.Parse("""{"restApiKey":"shared-key"}""").Settings!;

        Assert.Same(gates.For(events), gates.For(audience.Connection));
    }
}
