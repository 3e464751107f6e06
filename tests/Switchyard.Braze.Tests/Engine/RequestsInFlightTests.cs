using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>
/// Several requests of one output in flight at once (<see cref="DeliveryOptions.MaxInFlight"/>): the engine splits a claim
/// into request groups, no user in two, and per-user order holds across groups, passes and retries. Real SQLite store;
/// the Braze tests go through the sandbox.
/// </summary>
public sealed class RequestsInFlightTests : DeliveryFixture
{
    [Fact]
    public async Task A_full_claim_is_sent_as_several_requests_in_flight_at_once_and_every_item_is_delivered_once()
    {
        await Enqueue(users: 20, itemsEach: 2);
        var sender = new GroupRecordingSender(overlap: 4);
        var engine = CoreEngine(sender, new DeliveryOptions { ClaimLimit = 40, MaxInFlight = 4, JitterSeed = 7 });

        Assert.Equal(40, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Equal(4, sender.MaxInFlight);
        Assert.Equal(4, sender.Groups.Count);
        // No user in two requests of the pass.
        Assert.Equal(20, sender.Groups.SelectMany(g => g).Distinct().Count());
        Assert.Equal(20, sender.Groups.Sum(g => g.Count));
        Assert.Equal(40, sender.Delivered.Select(d => d.Payload).Distinct().Count());
        Assert.Equal(40, sender.Delivered.Count);
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        AssertInOrderPerUser(sender.Delivered);
    }

    [Fact]
    public async Task A_users_later_items_wait_behind_one_that_failed_and_arrive_after_it_in_order()
    {
        await Enqueue(users: 8, itemsEach: 3);
        // User 3's first item and user 6's second fail once; their later items must not overtake them.
        var sender = new GroupRecordingSender(overlap: 4, failOnce: new HashSet<string> { "3-0", "6-1" });
        var engine = CoreEngine(sender, new DeliveryOptions { ClaimLimit = 24, MaxInFlight = 4, JitterSeed = 7 });

        await engine.RunOnceAsync(CancellationToken.None);
        Assert.Equal(4, sender.MaxInFlight);
        Assert.DoesNotContain(sender.Delivered, d => d.Mpid == 3);
        Assert.Equal(["6-0"], sender.Delivered.Where(d => d.Mpid == 6).Select(d => d.Payload));

        // Before the retry is due, the store holds the users' later items back.
        var due = await Store.ClaimDueAsync(OutputId, Time.GetUtcNow().ToUnixTimeMilliseconds(), 100, default);
        Assert.DoesNotContain(due, i => i.Mpid is 3 or 6);

        Time.Advance(TimeSpan.FromMinutes(1));
        for (var pass = 0; pass < 5 && await Store.CountQueuedAsync(OutputId, default) > 0; pass++)
        {
            await engine.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(24, sender.Delivered.Count);
        Assert.Equal(["3-0", "3-1", "3-2"], sender.Delivered.Where(d => d.Mpid == 3).Select(d => d.Payload));
        Assert.Equal(["6-0", "6-1", "6-2"], sender.Delivered.Where(d => d.Mpid == 6).Select(d => d.Payload));
        Assert.Equal(1, sender.Delivered.Single(d => d.Payload == "3-0").Attempts);
        AssertInOrderPerUser(sender.Delivered);
    }

    [Fact]
    public async Task With_one_request_in_flight_a_pass_hands_the_whole_claim_to_the_sender_in_claim_order()
    {
        await Enqueue(users: 10, itemsEach: 2);
        var sender = new GroupRecordingSender(overlap: 1);
        var engine = CoreEngine(sender, new DeliveryOptions { ClaimLimit = 20, MaxInFlight = 1, JitterSeed = 7 });

        Assert.Equal(20, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, sender.MaxInFlight);
        Assert.Single(sender.Groups);
        var claimOrder = Enumerable.Range(0, 2).SelectMany(k => Enumerable.Range(1, 10).Select(u => $"{u}-{k}"));
        Assert.Equal(claimOrder, sender.Delivered.Select(d => d.Payload));
    }

    [Fact]
    public async Task A_small_claim_stays_one_request_group_so_it_packs_as_before()
    {
        await Enqueue(users: 3, itemsEach: 1);
        var sender = new GroupRecordingSender(overlap: 1);
        var engine = CoreEngine(sender, new DeliveryOptions { ClaimLimit = 300, MaxInFlight = 4, JitterSeed = 7 });

        Assert.Equal(3, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Single(sender.Groups);
    }

    [Fact]
    public async Task Braze_requests_in_flight_together_deliver_every_users_events_once_and_last_attributes_also_after_a_503()
    {
        var users = Enumerable.Range(1, 12).ToArray();
        foreach (var step in new[] { "1", "2", "3" })
        {
            foreach (var user in users)
            {
                await EnqueueAsync(user, $"u{user}", Events($"Step{step}"), ("step", step));
            }
        }

        // One request of the first pass fails: its users' items are retried after the others went through.
        await FaultAsync(new { kind = "status", status = 503, path = "/users/track", count = 1 });
        var engine = Engine(options: new DeliveryOptions { ClaimLimit = 36, MaxInFlight = 4, JitterSeed = 7 });

        await engine.RunOnceAsync(CancellationToken.None);
        Assert.True((await TrackRequestsAsync()).Count > 1);
        for (var pass = 0; pass < 10 && await Store.CountQueuedAsync(OutputId, default) > 0; pass++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await engine.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(36, await DataPointsAsync("events"));
        foreach (var user in users)
        {
            var exported = (await ExportAsync($"u{user}"))!;
            Assert.Equal("3", (string?)exported["custom_attributes"]!["step"]);
            var events = exported["custom_events"]!.AsArray();
            Assert.Equal(["Step1", "Step2", "Step3"], events.Select(e => (string)e!["name"]!).Order(StringComparer.Ordinal));
            Assert.All(events, e => Assert.Equal(1, (int?)e!["count"]));
        }
    }

    private DeliveryEngine CoreEngine(IOutputSender sender, DeliveryOptions options) =>
        new(OutputId, sender, Store, Time, options, Metrics.Delivery);

    /// <summary>Items with payload <c>{"n":"user-k"}</c>, queued round by round so each user's items are spread over the claim.</summary>
    private async Task Enqueue(int users, int itemsEach)
    {
        using var session = await Profiles.BeginSessionAsync(default);
        for (var k = 0; k < itemsEach; k++)
        {
            for (var user = 1; user <= users; user++)
            {
                session.Enqueue(new OutboxEntry(OutputId, user, $$"""{"n":"{{user}}-{{k}}"}""", Time.GetUtcNow().ToUnixTimeMilliseconds()));
            }
        }

        await session.CommitAsync(default);
    }

    private static void AssertInOrderPerUser(IReadOnlyList<(long Mpid, string Payload, int Attempts)> delivered)
    {
        foreach (var user in delivered.GroupBy(d => d.Mpid))
        {
            var steps = user.Select(d => int.Parse(d.Payload.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(steps.Order(), steps);
        }
    }
}
