using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>
/// Under a backlog (a claim that reached its limit) a group's trailing <c>/users/track</c> request that is not full waits
/// for the next pass, where later items fill it; a pass never holds back its only request, nor the rest of a split item.
/// Through the sandbox under its default rule (75 objects per request).
/// </summary>
public sealed class BacklogPackingTests : DeliveryFixture
{
    [Fact]
    public async Task A_trailing_request_that_is_not_full_waits_for_the_next_pass_while_more_items_are_due()
    {
        await EnqueueViewersAsync(150);
        var engine = Engine(options: new DeliveryOptions { ClaimLimit = 100, MaxInFlight = 1, JitterSeed = 7 });

        // The claim of 100 is full: 75 events fill one request and the other 25 stay queued untouched.
        Assert.Equal(75, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Single(await TrackRequestsAsync());
        var queued = await QueuedAsync();
        Assert.Equal(75, queued.Count);
        Assert.All(queued, item => Assert.Equal(0, item.Attempts));
        Assert.Equal(Enumerable.Range(76, 75).Select(u => (long)u), queued.Select(i => i.Mpid));

        // 75 left: the claim is not full, so everything goes, again as one full request.
        Assert.Equal(75, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, (await TrackRequestsAsync()).Count);
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(150, await DataPointsAsync("events"));
    }

    [Fact]
    public async Task A_full_claim_that_fits_one_request_is_sent_whole()
    {
        await EnqueueViewersAsync(10);
        var engine = Engine(options: new DeliveryOptions { ClaimLimit = 10, MaxInFlight = 1, JitterSeed = 7 });

        Assert.Equal(10, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Single(await TrackRequestsAsync());
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
    }

    [Fact]
    public async Task The_rest_of_an_item_split_across_requests_is_sent_in_the_same_pass()
    {
        await EnqueueAsync(1, "u1", Events(Enumerable.Range(0, 80).Select(i => $"E{i}").ToArray()));
        await EnqueueAsync(2, "u2", Events("Viewed"));
        var engine = Engine(options: new DeliveryOptions { ClaimLimit = 1, MaxInFlight = 1, JitterSeed = 7 });

        // 75 events, then the item's last 5: the second request is not full, and it is still sent.
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, (await TrackRequestsAsync()).Count);
        Assert.Equal(80, await DataPointsAsync("events"));
        Assert.Equal(2, Assert.Single(await QueuedAsync()).Mpid);
    }

    /// <summary>Users 1 to <paramref name="count"/>, one item each with one event.</summary>
    private async Task EnqueueViewersAsync(int count)
    {
        for (var user = 1; user <= count; user++)
        {
            await EnqueueAsync(user, $"u{user}", Events("Viewed"));
        }
    }
}
