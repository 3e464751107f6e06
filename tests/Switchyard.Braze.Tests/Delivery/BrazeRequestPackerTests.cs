using System.Text.Json.Nodes;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using static Switchyard.Braze.Tests.Delivery.Updates;

namespace Switchyard.Braze.Tests.Delivery;

public sealed class BrazeRequestPackerTests
{
    private static (long, BrazeUserUpdate)[] Items(int count, Func<int, BrazeUserUpdate> update) =>
        Enumerable.Range(0, count).Select(i => ((long)(100 + i), update(i))).ToArray();

    private static JsonNode Body(BrazeTrackRequest request) => JsonNode.Parse(request.Body.Span)!;

    private static int Count(JsonNode body, string array) => body[array]?.AsArray().Count ?? 0;

    [Fact]
    public void Combined75_fills_a_request_with_75_objects_and_starts_the_next_with_the_item_that_does_not_fit()
    {
        // 2 objects per user: 37 users take 74 objects, and the 38th (2 more) would exceed 75.
        var items = Items(40, i => User($"u{i}", events: 1));

        var requests = BrazeRequestPacker.Pack(items, BrazeBatchRule.Combined75);

        Assert.Equal(2, requests.Count);
        Assert.Equal(74, requests[0].ObjectCount);
        Assert.Equal(37, requests[0].ItemIds.Count);
        Assert.Equal(6, requests[1].ObjectCount);
        Assert.Equal([137L, 138, 139], requests[1].ItemIds);
        Assert.Equal(75, requests[0].Capacity);
        Assert.True(requests[0].Utilization >= 0.9);
    }

    [Fact]
    public void Combined50_never_puts_more_than_50_objects_in_a_request()
    {
        var items = Items(60, i => User($"u{i}", attributes: i % 2 == 0, events: 1, purchases: i % 3 == 0 ? 1 : 0));

        var requests = BrazeRequestPacker.Pack(items, BrazeBatchRule.Combined50);

        Assert.All(requests, r => Assert.InRange(r.ObjectCount, 1, 50));
        Assert.Equal(items.Sum(i => i.Item2.ObjectCount), requests.Sum(r => r.ObjectCount));
        Assert.Equal(items.Select(i => i.Item1), requests.SelectMany(r => r.ItemIds));
        Assert.All(requests.SkipLast(1), r => Assert.True(r.ObjectCount >= 48, $"only {r.ObjectCount} objects"));
    }

    [Fact]
    public void PerArray75_fills_each_array_up_to_75_independently()
    {
        // Each user: 1 attributes object + 1 event + 1 purchase; 75 users fill all three arrays at once (225 objects).
        var items = Items(80, i => User($"u{i}", events: 1, purchases: 1));

        var requests = BrazeRequestPacker.Pack(items, BrazeBatchRule.PerArray75);

        Assert.Equal(2, requests.Count);
        Assert.Equal((75, 75, 75), (requests[0].AttributeCount, requests[0].EventCount, requests[0].PurchaseCount));
        Assert.Equal(225, requests[0].Capacity);
        Assert.Equal((5, 5, 5), (requests[1].AttributeCount, requests[1].EventCount, requests[1].PurchaseCount));
        var body = Body(requests[0]);
        Assert.Equal((75, 75, 75), (Count(body, "attributes"), Count(body, "events"), Count(body, "purchases")));
    }

    [Fact]
    public void PerArray75_closes_a_request_when_one_array_is_full_even_if_the_others_have_room()
    {
        var items = Items(3, i => User($"u{i}", attributes: false, events: 30));

        var requests = BrazeRequestPacker.Pack(items, BrazeBatchRule.PerArray75);

        Assert.Equal([60, 30], requests.Select(r => r.EventCount));
    }

    [Fact]
    public void The_index_map_names_the_item_of_every_object_in_body_order()
    {
        var items = new (long, BrazeUserUpdate)[]
        {
            (1, User("a", events: 2)),
            (2, User("b", attributes: false, purchases: 1)),
            (3, User("c", events: 1, purchases: 2)),
        };

        var request = Assert.Single(BrazeRequestPacker.Pack(items, BrazeBatchRule.Combined75));
        var body = Body(request);

        Assert.Equal(["a", "c"], body["attributes"]!.AsArray().Select(o => (string?)o!["external_id"]));
        Assert.Equal(["a", "a", "c"], body["events"]!.AsArray().Select(o => (string?)o!["external_id"]));
        Assert.Equal(["b", "c", "c"], body["purchases"]!.AsArray().Select(o => (string?)o!["external_id"]));
        long Item(BrazeTrackArray array, int index) => request.TryGetItemId(array, index, out var id) ? id : -1;
        Assert.Equal([1L, 3], [Item(BrazeTrackArray.Attributes, 0), Item(BrazeTrackArray.Attributes, 1)]);
        Assert.Equal([1L, 1, 3], [Item(BrazeTrackArray.Events, 0), Item(BrazeTrackArray.Events, 1), Item(BrazeTrackArray.Events, 2)]);
        Assert.Equal([2L, 3, 3], [Item(BrazeTrackArray.Purchases, 0), Item(BrazeTrackArray.Purchases, 1), Item(BrazeTrackArray.Purchases, 2)]);
        Assert.False(request.TryGetItemId(BrazeTrackArray.Events, 3, out _));
        Assert.False(request.TryGetItemId(BrazeTrackArray.Attributes, -1, out _));
        Assert.Equal([1L, 2, 3], request.ItemIds);
    }

    [Fact]
    public void An_item_that_does_not_fit_the_rest_of_a_request_is_not_split_but_moved_to_the_next()
    {
        var items = new (long, BrazeUserUpdate)[] { (1, User("a", events: 60)), (2, User("b", events: 20)) };

        var requests = BrazeRequestPacker.Pack(items, BrazeBatchRule.Combined75);

        Assert.Equal(2, requests.Count);
        Assert.Equal([1L], requests[0].ItemIds);
        Assert.Equal(61, requests[0].ObjectCount);
        Assert.Equal([2L], requests[1].ItemIds);
        Assert.Equal(21, requests[1].ObjectCount);
    }

    [Fact]
    public void An_item_larger_than_the_rule_is_split_attributes_first_and_fills_the_open_request()
    {
        var items = new (long, BrazeUserUpdate)[] { (1, User("a", events: 10)), (2, User("big", events: 100, purchases: 30)), (3, User("c")) };

        var requests = BrazeRequestPacker.Pack(items, BrazeBatchRule.Combined75);

        // 11 + 131 + 1 = 143 objects: 75 + 68.
        Assert.Equal([75, 68], requests.Select(r => r.ObjectCount));
        Assert.Equal([1L, 2], requests[0].ItemIds);
        Assert.Equal([2L, 3], requests[1].ItemIds);
        var first = Body(requests[0]);
        Assert.Equal(["a", "big"], first["attributes"]!.AsArray().Select(o => (string?)o!["external_id"]));
        Assert.Equal(10 + 63, Count(first, "events"));
        var second = Body(requests[1]);
        Assert.Equal(["c"], second["attributes"]!.AsArray().Select(o => (string?)o!["external_id"]));
        Assert.Equal(37, Count(second, "events"));
        Assert.Equal(30, Count(second, "purchases"));
        Assert.Equal("Played 63", (string?)second["events"]![0]!["name"]);
        Assert.True(requests[1].TryGetItemId(BrazeTrackArray.Events, 36, out var id) && id == 2);
    }

    [Fact]
    public void A_huge_item_spans_as_many_requests_as_it_needs()
    {
        var requests = BrazeRequestPacker.Pack([(7, User("big", attributes: false, events: 160))], BrazeBatchRule.Combined50);

        Assert.Equal([50, 50, 50, 10], requests.Select(r => r.EventCount));
        Assert.All(requests, r => Assert.Equal([7L], r.ItemIds));
    }

    [Fact]
    public void Items_without_objects_are_left_out_and_nothing_gives_no_request()
    {
        Assert.Empty(BrazeRequestPacker.Pack([(1, User("a", attributes: false))], BrazeBatchRule.Combined75));
        Assert.Empty(BrazeRequestPacker.Pack([], BrazeBatchRule.PerArray75));
    }
}
