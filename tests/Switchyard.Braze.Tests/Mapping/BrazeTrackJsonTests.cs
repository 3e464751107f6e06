using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.Braze.Mapping;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

public sealed class BrazeTrackJsonTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(T1);

    private static BrazeUserUpdate User(string id, int events = 0, int purchases = 0, bool attributes = false) => new(
        id,
        attributes ? [new BrazeProperty("a", BrazeValue.Of(1L))] : [],
        [],
        [.. Enumerable.Range(0, events).Select(i => new BrazeEvent("e" + i, At, []))],
        [.. Enumerable.Range(0, purchases).Select(i => new BrazePurchase("p" + i, "USD", 1.5m, 1, At, []))],
        []);

    private static string Body(params BrazeUserUpdate[] updates)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            BrazeTrackJson.WriteBody(writer, updates);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Several_users_share_one_body_with_attributes_then_events_then_purchases_each_object_identified()
    {
        JsonEqual("""
            {"attributes":[{"external_id":"u2","a":1}],
             "events":[{"external_id":"u1","name":"e0","time":"2026-01-02T03:04:05.678Z"},{"external_id":"u2","name":"e0","time":"2026-01-02T03:04:05.678Z"}],
             "purchases":[{"external_id":"u1","product_id":"p0","currency":"USD","price":1.5,"quantity":1,"time":"2026-01-02T03:04:05.678Z"}]}
            """, Body(User("u1", events: 1, purchases: 1), User("u2", events: 1, attributes: true)));
    }

    [Fact]
    public void Empty_arrays_are_left_out()
    {
        Assert.Equal("{}", Body(User("u1")));
    }

    [Fact]
    public void The_object_count_is_what_the_batch_limits_count()
    {
        Assert.Equal(4, User("u", events: 2, purchases: 1, attributes: true).ObjectCount);
        Assert.Equal(2, User("u", events: 2).ObjectCount);
    }

    [Fact]
    public void Every_value_kind_is_written_as_braze_reads_it()
    {
        var update = new BrazeUserUpdate(
            "u",
            [
                new("s", BrazeValue.Of("x\"y")),
                new("l", BrazeValue.Of(-9_007_199_254_740_993L)),
                new("m", BrazeValue.Of(10.50m)),
                new("d", BrazeValue.Of(0.1)),
                new("b", BrazeValue.Of(true)),
                new("t", new BrazeTime(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)))),
                new("arr", new BrazeArray([BrazeValue.Of("a"), BrazeValue.Of(2L)])),
                new("obj", new BrazeObject([new("k", BrazeValue.Null)])),
                new("n", BrazeValue.Null),
            ],
            [],
            [],
            [],
            []);

        JsonEqual("""
            {"attributes":[{"external_id":"u","s":"x\"y","l":-9007199254740993,"m":10.50,"d":0.1,"b":true,"t":"2026-05-01T10:00:00.000Z",
              "arr":["a",2],"obj":{"k":null},"n":null}]}
            """, update);
    }

    [Fact]
    public void An_array_edit_is_written_as_add_and_remove_lists_leaving_out_an_empty_one()
    {
        var update = new BrazeUserUpdate(
            "u",
            [
                new("both", new BrazeArrayEdit([BrazeValue.Of("11036")], [BrazeValue.Of("11034"), BrazeValue.Of("7")])),
                new("add_only", new BrazeArrayEdit([BrazeValue.Of("1")], [])),
                new("remove_only", new BrazeArrayEdit([], [BrazeValue.Of("2")])),
            ],
            [],
            [],
            [],
            []);

        Assert.Equal(
            """{"attributes":[{"external_id":"u","both":{"add":["11036"],"remove":["11034","7"]},"add_only":{"add":["1"]},"remove_only":{"remove":["2"]}}]}""",
            BrazeTrackJson.ToJson(update));
    }

    [Fact]
    public void An_event_of_an_update_without_an_external_id_cannot_be_written()
    {
        var update = new BrazeUserUpdate(null, [], [new BrazePushToken("app", "t")], [], [], []);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);

        Assert.Throws<InvalidOperationException>(() => BrazeTrackJson.WriteEvent(writer, update, new BrazeEvent("e", At, [])));
    }

    [Fact]
    public void An_event_name_over_255_characters_is_cut_and_counted()
    {
        var name = new string('n', 256);
        var batch = WithEvents("""{"event_type":"custom_event","data":{"event_name":"@","custom_event_type":"other"}}""".Replace("@", name, StringComparison.Ordinal));

        var update = Update(batch);

        Assert.Equal(new string('n', 255), Assert.Single(update.Events).Name);
        Assert.Equal(BrazeWarningKind.NameTruncated, Assert.Single(update.Warnings).Kind);
    }

    [Fact]
    public void Non_ascii_text_is_written_as_utf8_not_escaped()
    {
        var update = new BrazeUserUpdate("u", [new("city", BrazeValue.Of("Zürich & 東京"))], [], [], [], []);

        Assert.Equal("""{"attributes":[{"external_id":"u","city":"Zürich & 東京"}]}""", BrazeTrackJson.ToJson(update));
    }
}
