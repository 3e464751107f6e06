using System.Text;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using static Switchyard.Core.Tests.Ingest.IngestTestData;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>The field limits of reference/mparticle.md §1.1: long event and event attribute names are truncated as mParticle does for S2S data; the other limits give FIELD_LIMIT naming the batch and field.</summary>
public class FieldLimitTests
{
    private static string Attributes(int count, int nameLength = 4, int valueLength = 1)
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < count; i++)
        {
            string name = i.ToString("D" + nameLength, System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(i == 0 ? "" : ",").Append('"').Append(name).Append("\":\"").Append('v', valueLength).Append('"');
        }

        return sb.Append('}').ToString();
    }

    private static string CustomEventWithAttributes(string attributes) =>
        "{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"e\",\"custom_event_type\":\"other\",\"custom_attributes\":" + attributes + "}}";

    private static IngestError LimitError(string body, string path)
    {
        var error = SingleError(Bulk("[" + BatchWith(CustomEvent()) + "," + body + "]"));
        Assert.Equal(IngestErrorCodes.FieldLimit, error.Code);
        Assert.StartsWith("batches[1]" + path, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Event_name_of_256_characters_is_accepted() =>
        Assert.True(Batch(BatchWith(CustomEvent(new string('n', 256)))).IsSuccess);

    [Fact]
    public void Event_name_longer_than_256_characters_is_truncated_and_counted()
    {
        var parsed = Assert.Single(Batch(BatchWith(CustomEvent(new string('n', 257)))).Batches);

        Assert.Equal(new string('n', 256), ((CustomEventData)parsed.Batch.Events[0].Data).EventName);
        Assert.Equal(1, parsed.TruncatedNames);
    }

    [Fact]
    public void Screen_name_longer_than_256_characters_is_truncated()
    {
        var parsed = Assert.Single(Bulk("[" + BatchWith("{\"event_type\":\"screen_view\",\"data\":{\"screen_name\":\"" + new string('s', 300) + "\"}}") + "]").Batches);

        Assert.Equal(256, ((ScreenViewEventData)parsed.Batch.Events[0].Data).ScreenName!.Length);
        Assert.Equal(1, parsed.TruncatedNames);
    }

    [Fact]
    public void A_truncated_name_never_ends_in_half_a_surrogate_pair()
    {
        var parsed = Assert.Single(Batch(BatchWith(CustomEvent(new string('n', 255) + "\ud83d\ude00"))).Batches);

        Assert.Equal(new string('n', 255), ((CustomEventData)parsed.Batch.Events[0].Data).EventName);
    }

    [Fact]
    public void A_name_of_256_characters_is_not_counted_as_truncated() =>
        Assert.Equal(0, Assert.Single(Batch(BatchWith(CustomEvent(new string('n', 256)))).Batches).TruncatedNames);

    [Fact]
    public void Hundred_event_attributes_are_accepted() =>
        Assert.True(Batch(BatchWith(CustomEventWithAttributes(Attributes(100)))).IsSuccess);

    [Fact]
    public void More_than_100_event_attributes_are_rejected() =>
        LimitError(BatchWith(CustomEventWithAttributes(Attributes(101))), ".events[0].data.custom_attributes: 101 attributes");

    [Fact]
    public void Event_attribute_names_longer_than_256_characters_are_truncated_the_first_keeping_a_shared_name()
    {
        string longName = new('a', 300);
        var attributes = "{\"" + longName + "x\":\"first\",\"" + longName + "y\":\"second\",\"short\":\"kept\"}";

        var parsed = Assert.Single(Batch(BatchWith(CustomEventWithAttributes(attributes))).Batches);

        var kept = parsed.Batch.Events[0].Data.CustomAttributes;
        Assert.Equal([longName[..256], "short"], kept.Keys);
        Assert.Equal("first", kept[longName[..256]].Text);
        Assert.Equal(2, parsed.TruncatedNames);
    }

    [Fact]
    public void Event_attribute_value_longer_than_4096_characters_is_rejected() =>
        LimitError(BatchWith(CustomEventWithAttributes(Attributes(1, valueLength: 4097))), ".events[0].data.custom_attributes.0000: value has 4097 characters");

    [Fact]
    public void Event_attribute_value_of_4096_characters_is_accepted() =>
        Assert.True(Batch(BatchWith(CustomEventWithAttributes(Attributes(1, valueLength: 4096)))).IsSuccess);

    [Fact]
    public void Product_attribute_value_longer_than_4096_characters_is_rejected()
    {
        string body = "{\"events\":[{\"event_type\":\"commerce_event\",\"data\":{\"product_action\":{\"action\":\"purchase\",\"products\":[{\"id\":\"a\",\"custom_attributes\":" + Attributes(1, valueLength: 5000) + "}" + "]}}}]}";
        LimitError(body, ".events[0].data.product_action.products[0].custom_attributes.0000");
    }

    [Fact]
    public void More_than_100_user_attributes_are_rejected() =>
        LimitError($$"""{"user_attributes":{{Attributes(101)}}}""", ".user_attributes: 101 attributes, at most 100 allowed");

    [Fact]
    public void User_attribute_name_longer_than_256_characters_is_rejected() =>
        LimitError($$"""{"user_attributes":{{Attributes(1, nameLength: 300)}}}""", ".user_attributes: attribute name");

    [Fact]
    public void User_attribute_value_longer_than_4096_characters_is_rejected() =>
        LimitError($$"""{"user_attributes":{{Attributes(1, valueLength: 4097)}}}""", ".user_attributes.0000: value has 4097 characters");

    [Fact]
    public void User_attribute_list_of_1000_entries_is_accepted() =>
        Assert.True(Batch("{\"user_attributes\":{\"l\":[" + (string.Join(",", Enumerable.Repeat("\"x\"", 1000))) + "]}}").IsSuccess);

    [Fact]
    public void User_attribute_list_of_more_than_1000_entries_is_rejected() =>
        LimitError("{\"user_attributes\":{\"l\":[" + (string.Join(",", Enumerable.Repeat("\"x\"", 1001))) + "]}}", ".user_attributes.l: list has 1001 entries");

    [Fact]
    public void User_attribute_list_entry_longer_than_512_characters_is_rejected() =>
        LimitError("{\"user_attributes\":{\"l\":[\"ok\",\"" + (new string('x', 513)) + "\"]}}", ".user_attributes.l[1]: list entry has 513 characters");
}
