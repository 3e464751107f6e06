using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using static Switchyard.Core.Tests.Ingest.IngestTestData;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>Field-level reading rules: mpid, environment default, identity spellings, nulls and unknown fields.</summary>
public class BatchFieldTests
{
    private static Batch Parsed(string json)
    {
        var result = Batch(json);
        Assert.True(result.IsSuccess, result.Failure is null ? "" : string.Join("\n", result.Failure.Errors));
        return result.Batches[0].Batch;
    }

    [Theory]
    [InlineData("""{"mpid":9223372036854775807}""", long.MaxValue)]
    [InlineData("""{"mpid":"-9223372036854775808"}""", long.MinValue)]
    [InlineData("""{"mpid":"123"}""", 123L)]
    [InlineData("""{"mpid":123}""", 123L)]
    public void Mpid_accepts_a_number_or_a_numeric_string(string json, long expected) =>
        Assert.Equal(expected, Parsed(json).Mpid);

    [Theory]
    [InlineData("""{"mpid":"abc"}""")]
    [InlineData("""{"mpid":"NaN"}""")]
    [InlineData("""{"mpid":9223372036854775808}""")]
    [InlineData("""{"mpid":"99999999999999999999"}""")]
    [InlineData("""{"mpid":1.5}""")]
    [InlineData("""{"mpid":true}""")]
    public void Mpid_that_is_not_an_int64_is_rejected(string json)
    {
        var error = SingleError(Batch(json));
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.StartsWith("batch.mpid: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_environment_means_production() =>
        Assert.Equal(BatchEnvironment.Production, Parsed("{}").Environment);

    [Theory]
    [InlineData("unknown", BatchEnvironment.Unknown)]
    [InlineData("development", BatchEnvironment.Development)]
    public void Environment_values_are_read(string value, BatchEnvironment expected) =>
        Assert.Equal(expected, Parsed($$"""{"environment":"{{value}}"}""").Environment);

    [Theory]
    [InlineData("customer_id")]
    [InlineData("customerid")]
    public void Both_customer_id_spellings_land_in_CustomerId(string key) =>
        Assert.Equal("cust-7", Parsed("{\"user_identities\":{\"" + key + "\":\"cust-7\",\"email\":\"a@b.c\"}}").UserIdentities!.CustomerId);

    [Fact]
    public void Customer_id_wins_over_customerid_when_both_are_sent()
    {
        Assert.Equal("snake", Parsed("""{"user_identities":{"customerid":"flat","customer_id":"snake"}}""").UserIdentities!.CustomerId);
        Assert.Equal("snake", Parsed("""{"user_identities":{"customer_id":"snake","customerid":"flat"}}""").UserIdentities!.CustomerId);
    }

    [Fact]
    public void Null_collections_read_as_empty()
    {
        var batch = Parsed("""
            {"events":null,"user_attributes":null,"deleted_user_attributes":null,"integration_attributes":null,"partner_identities":null,
             "consent_state":{"gdpr":null}}
            """);
        Assert.Empty(batch.Events);
        Assert.Empty(batch.UserAttributes);
        Assert.Empty(batch.DeletedUserAttributes);
        Assert.Empty(batch.IntegrationAttributes);
        Assert.Empty(batch.PartnerIdentities);
        Assert.Empty(batch.ConsentState!.Gdpr);
    }

    [Fact]
    public void Unknown_properties_are_ignored_at_every_level()
    {
        var batch = Parsed("""
            {"batch_id":1,"sdk_version":"x","user_identities":{"passport":"p","customer_id":"c"},
             "events":[{"event_type":"custom_event","message_id":9,"data":{"event_name":"a","custom_event_type":"other","event_start_unixtime_ms":[{}]}}]}
            """);
        Assert.Equal("c", batch.UserIdentities!.CustomerId);
        Assert.Equal("a", Assert.IsType<CustomEventData>(Assert.Single(batch.Events).Data).EventName);
    }

    [Fact]
    public void Escaped_property_names_are_recognised()
    {
        var batch = Parsed("""{"events":[{"event\u005ftype":"screen_view","d\u0061ta":{"screen_name":"S"}}]}""");
        Assert.Equal("S", Assert.IsType<ScreenViewEventData>(batch.Events[0].Data).ScreenName);
    }

    [Fact]
    public void Raw_of_a_single_batch_is_the_whole_body()
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(BatchWith(CustomEvent()));
        var result = EventsApiParser.ParseBatch(body, Options());
        Assert.True(result.IsSuccess);
        Assert.Equal(body, result.Batches[0].Raw.ToArray());
    }

    [Fact]
    public void Escaped_enum_value_is_decoded_before_matching()
    {
        string escaped = string.Concat("application_foreground".Select(c => $"\\u{(int)c:x4}"));
        var batch = Parsed("{\"events\":[{\"event_type\":\"application_state_transition\",\"data\":{\"application_transition_type\":\"" + escaped + "\"}}]}");
        Assert.Equal(ApplicationTransitionType.ApplicationForeground, Assert.IsType<ApplicationStateTransitionEventData>(batch.Events[0].Data).ApplicationTransitionType);
    }
}
