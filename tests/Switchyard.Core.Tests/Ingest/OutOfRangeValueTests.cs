using System.Globalization;
using Switchyard.Core.Ingest;
using static Switchyard.Core.Tests.Ingest.IngestTestData;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>
/// mParticle's inbound JSON schema types every timestamp and duration as an integer and every amount as a number, with
/// no bounds, and its docs name no range: ingest accepts any int64 time (later stages clamp what they cannot use) and
/// any amount that fits a decimal.
/// </summary>
public sealed class OutOfRangeValueTests
{
    public static TheoryData<long> Extremes => new() { long.MinValue, -1_000_000_000_000_000, -1, 1_000_000_000_000_000, long.MaxValue };

    /// <summary>A batch with <paramref name="ms"/> in every time and duration field the model reads.</summary>
    public static string EveryTimeField(long ms)
    {
        var t = ms.ToString(CultureInfo.InvariantCulture);
        return """
            {"environment":"production","timestamp_unixtime_ms":@t,
             "user_identities":{"customer_id":"c1"},
             "user_attributes":{"a":"1"},
             "device_info":{"platform":"iOS","push_token":"tok","att_authorization_status":"authorized","att_timestamp_unixtime_ms":@t},
             "consent_state":{"gdpr":{"ads":{"consented":true,"timestamp_unixtime_ms":@t}},
                              "ccpa":{"data_sale_opt_out":{"consented":false,"timestamp_unixtime_ms":@t}}},
             "events":[
              {"event_type":"session_start","data":{"session_id":7,"timestamp_unixtime_ms":@t}},
              {"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":@t}},
              {"event_type":"custom_event","data":{"event_name":"E","custom_event_type":"other","timestamp_unixtime_ms":@t}},
              {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":@t,"product_action":{"action":"add_to_cart",
                "products":[{"id":"p","price":1,"quantity":1,"added_to_cart_time_ms":@t}]}}},
              {"event_type":"push_registration","data":{"register":true,"registration_token":"tok2","timestamp_unixtime_ms":@t}},
              {"event_type":"user_attribute_change","data":{"user_attribute_name":"b","new":"2","old":null,"timestamp_unixtime_ms":@t}},
              {"event_type":"user_identity_change","data":{"timestamp_unixtime_ms":@t,
                "new":{"identity_type":"email","identity":"a@b.c","timestamp_unixtime_ms":@t},
                "old":{"identity_type":"email","identity":"o@b.c","timestamp_unixtime_ms":@t}}},
              {"event_type":"opt_out","data":{"is_opted_out":true,"timestamp_unixtime_ms":@t}},
              {"event_type":"session_end","data":{"session_id":7,"session_duration_ms":@t,"timestamp_unixtime_ms":@t}}
             ]}
            """.Replace("@t", t, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Extremes))]
    public void Any_int64_is_accepted_in_every_time_and_duration_field(long ms)
    {
        var result = Batch(EveryTimeField(ms));

        Assert.True(result.IsSuccess, result.Failure?.ToString());
        Assert.Equal(ms, result.Batches[0].Batch.TimestampUnixtimeMs);
    }

    [Fact]
    public void Amounts_up_to_the_decimal_range_are_accepted()
    {
        const string Max = "79228162514264337593543950335";
        var result = Batch(BatchWith("""
            {"event_type":"commerce_event","data":{"product_action":{"action":"purchase","total_amount":-@max,"tax_amount":@max,
              "products":[{"id":"p","price":@max,"quantity":@max,"total_product_amount":-@max}]}}}
            """.Replace("@max", Max, StringComparison.Ordinal)));

        Assert.True(result.IsSuccess, result.Failure?.ToString());
    }

    [Theory]
    [InlineData("price", "1e308")]
    [InlineData("quantity", "-1e29")]
    public void An_amount_beyond_the_decimal_range_is_a_400_naming_the_field(string field, string value)
    {
        var result = Batch(BatchWith("""
            {"event_type":"commerce_event","data":{"product_action":{"action":"purchase","products":[{"id":"p","@field":@value}]}}}
            """.Replace("@field", field, StringComparison.Ordinal).Replace("@value", value, StringComparison.Ordinal)));

        var error = SingleError(result);
        Assert.Equal(IngestErrorCodes.InvalidField, error.Code);
        Assert.Contains($"products[0].{field}", error.Message, StringComparison.Ordinal);
    }
}
