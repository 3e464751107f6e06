using Switchyard.Core.Delivery.Engine;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Tests.Engine;

namespace Switchyard.Braze.Tests.AudienceSync;

public sealed class AudiencePlanFailureTests : AudienceDeliveryFixture
{
    [Fact]
    public async Task A_user_whose_plan_throws_is_dead_lettered_alone_with_the_reason_logged_once_and_the_others_are_sent()
    {
        var logger = new CapturingLogger();
        var settings = AudienceSettings("single_string");
        var engine = new BrazeAudienceDelivery(
            OutputId, settings, Store, Profiles, _ => Task.FromResult<IReadOnlyList<AudienceLink>>(Links.ToArray()), new BrazeTrackClient(Http, settings.Connection, Time), new BrazeRateGates(Time), Time,
            new DeliveryOptions { JitterSeed = 7 }, Metrics, logger);
        await Sync(1, "first", 11036);
        await Sync(2, "broken", 11036);
        await Sync(2, "broken", 11036, 11034);
        await Sync(3, "third", 11034);
        // A null identity in the stored document, as one written by something else could hold: the planner does not
        // expect it and throws, which stands for any planning failure.
        SetInProfileDocument(2, "$.user_identities", """{"customer_id":null}""");

        Assert.Equal(4, await engine.RunOnceAsync(CancellationToken.None));

        var dead = await Store.DeadLettersAsync(OutputId, 0, 10, default);
        Assert.Equal([2L, 2L], dead.Select(d => d.Mpid));
        Assert.All(dead, d => Assert.StartsWith("mapping failed: NullReferenceException: ", d.Reason, StringComparison.Ordinal));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal("11036", (string?)(await CustomAttributesAsync("first"))["SegmentMembership"]);
        Assert.Equal("11034", (string?)(await CustomAttributesAsync("third"))["SegmentMembership"]);
        var logged = Assert.Single(logger.Entries);
        Assert.Equal(2011, logged.EventId);
    }
}
