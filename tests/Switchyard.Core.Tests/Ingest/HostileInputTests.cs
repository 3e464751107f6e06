using System.Text;
using Switchyard.Core.Ingest;
using static Switchyard.Core.Tests.Ingest.IngestTestData;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>No body, however broken or hostile, makes the parser throw: it always answers 400 or 413.</summary>
public class HostileInputTests
{
    private static readonly string[] Bodies =
    [
        "", " ", "\0", "{", "}", "[", "]", "nul", "tru", "NaN", "Infinity", "-", "\"batch\"", "'a'",
        "{} {}", "{}x", "{}}", "{\"a\":1,}", "{/* c */}", "{'mpid':1}", "{\"mpid\":1 // c\n}", "{\"a\" 1}",
        "{\"ip\":\"a\u0001b\"}", "{\"ip\":\"\\x41\"}", "{\"ip\":\"\\u12\"}", "{\"mpid\":01}", "{\"mpid\":1.}", "{\"mpid\":+1}",
        new string('[', 10_000), new string('{', 10_000), Nest("{\"a\":", "}", 5_000), Nest("[", "]", 100),
        "{\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"x\",\"custom_event_type\":\"other\",\"custom_attributes\":{\"deep\":" + Nest("[", "]", 60) + "}}}]}",
        "{\"user_attributes\":{\"deep\":" + Nest("[", "]", 60) + "}}",
        "{\"mpid\":NaN}", "{\"mpid\":\"NaN\"}", "{\"mpid\":\"Infinity\"}", "{\"mpid\":1e999999}", "{\"mpid\":\"1e3\"}", "{\"mpid\":\" 1\"}",
        "{\"mpid\":18446744073709551616}", "{\"mpid\":-9223372036854775809}", "{\"mpid\":[1]}", "{\"mpid\":{}}",
        "{\"timestamp_unixtime_ms\":1e30}", "{\"schema_version\":3000000000}", "{\"device_info\":{\"screen_width\":1.5}}",
        "{\"device_info\":{\"timezone_offset\":\"NaN\"}}", "{\"device_info\":{\"timezone_offset\":1e400}}",
        "{\"events\":[{\"event_type\":\"commerce_event\",\"data\":{\"product_action\":{\"action\":\"purchase\",\"total_amount\":1e400}}}]}",
        "{\"events\":[{\"event_type\":\"commerce_event\",\"data\":{\"product_action\":{\"action\":\"purchase\",\"checkout_step\":99999999999}}}]}",
        "{\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"x\",\"custom_event_type\":\"other\",\"session_id\":99999999999999999999}}]}",
        "{\"events\":[{\"event_type\":\"screen_view\",\"data\":{\"screen_name\":\"x\",\"location\":{\"latitude\":\"NaN\"}}}]}",
        "{\"events\":{}}", "{\"events\":\"x\"}", "{\"events\":[1]}", "{\"events\":[[]]}", "{\"events\":[{\"event_type\":1}]}",
        "{\"events\":[{\"event_type\":null}]}", "{\"events\":[{\"event_type\":\"custom_event\",\"data\":[]}]}",
        "{\"events\":[{\"event_type\":\"custom_event\",\"data\":\"x\"}]}", "{\"events\":[{\"event_type\":\"" + new string('z', 100_000) + "\"}]}",
        "{\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"x\",\"custom_event_type\":\"" + new string('z', 10_000) + "\"}}]}",
        "{\"user_identities\":[]}", "{\"user_identities\":{\"customer_id\":1}}", "{\"user_attributes\":[]}", "{\"user_attributes\":\"x\"}",
        "{\"user_attributes\":{\"a\":{}}}", "{\"user_attributes\":{\"a\":[null]}}", "{\"user_attributes\":{\"a\":[[]]}}",
        "{\"deleted_user_attributes\":[1]}", "{\"deleted_user_attributes\":\"a\"}", "{\"device_info\":\"x\"}", "{\"application_info\":[]}",
        "{\"consent_state\":{\"gdpr\":{\"p\":\"x\"}}}", "{\"consent_state\":{\"gdpr\":[]}}", "{\"integration_attributes\":{\"1\":\"x\"}}",
        "{\"integration_attributes\":{\"1\":{\"k\":1}}}", "{\"partner_identities\":{\"p\":[]}}", "{\"environment\":null}", "{\"environment\":\"\"}",
        "{\"mpid\":1,\"mpid\":\"x\"}", "{\"source_info\":{\"is_historical\":\"yes\"}}", "{\"context\":{\"data_plan\":{\"plan_version\":\"v1\"}}}",
        "{\"events\":[{\"event_type\":\"user_attribute_change\",\"data\":{\"new\":{\"a\":1}}}]}",
        "{\"events\":[{\"event_type\":\"profile\",\"data\":{\"current_mpid\":\"x\"}}]}",
        "{\"events\":[{\"event_type\":\"push_message\",\"data\":{\"push_message_behavior\":{\"deep\":" + Nest("[", "]", 60) + "}}}]}",
    ];

    private static readonly byte[][] RawBodies =
    [
        [0xFF, 0xFE, 0x7B, 0x7D],
        [0x7B, 0x22, 0x69, 0x70, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D],
        [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D],
        [0x5B, 0x7B, 0x7D, 0x2C, 0x80, 0x5D],
        [0xEF, 0xBB, 0xBF, 0x5B, 0x5D],
    ];

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Bodies.Length + RawBodies.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static byte[] Body(int index) =>
        index < Bodies.Length ? Encoding.UTF8.GetBytes(Bodies[index]) : RawBodies[index - Bodies.Length];

    private static string Nest(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_single_batch_body_gives_a_4xx_and_never_throws(int index)
    {
        var exception = Record.Exception(() => AssertRefused(EventsApiParser.ParseBatch(Body(index), Options())));
        Assert.Null(exception);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_bulk_body_gives_a_4xx_and_never_throws(int index)
    {
        byte[] body = Body(index);
        byte[] wrapped = [.. "[{\"events\":[]},"u8, .. body, .. "]"u8];
        AssertRefused(EventsApiParser.ParseBulk(body, Options()));
        AssertBatchRefused(EventsApiParser.ParseBulk(wrapped, Options()), index: 1);
        AssertBatchRefused(EventsApiParser.ParseBulk(wrapped, Options(historical: true)), index: 1);
    }

    /// <summary>After a valid batch, a hostile one fails the request (when it breaks the array) or is refused on its own.</summary>
    private static void AssertBatchRefused(IngestParseResult result, int index)
    {
        if (result.Failure is not null)
        {
            AssertRefused(result);
            return;
        }

        var refused = Assert.Single(result.Refused);
        Assert.Equal(index, refused.Index);
        Assert.DoesNotContain(result.Batches, b => b.Index == index);
        Assert.NotEmpty(refused.Errors);
        Assert.All(refused.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Huge_body_is_refused_without_being_parsed() =>
        AssertRefused(EventsApiParser.ParseBatch(Encoding.UTF8.GetBytes(new string('{', 1_000_000)), Options()), status: 413);

    private static void AssertRefused(IngestParseResult result, int? status = null)
    {
        Assert.False(result.IsSuccess);
        Assert.Empty(result.Batches);
        Assert.NotNull(result.Failure);
        Assert.InRange(result.Failure.StatusCode, 400, 413);
        if (status is not null)
        {
            Assert.Equal(status, result.Failure.StatusCode);
        }

        Assert.NotEmpty(result.Failure.Errors);
        Assert.All(result.Failure.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }
}
