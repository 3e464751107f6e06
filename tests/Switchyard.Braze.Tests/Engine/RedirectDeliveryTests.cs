using Switchyard.Core.Delivery.Engine;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Tests.Client;

namespace Switchyard.Braze.Tests.Engine;

public sealed class RedirectDeliveryTests : DeliveryFixture
{
    [Fact]
    public async Task An_endpoint_that_redirects_delivers_nothing_anywhere_and_the_item_goes_out_once_the_endpoint_is_fixed()
    {
        // The redirect points at the real (sandbox) Braze: even so, nothing may be sent there until the output says so.
        await using var proxy = await ScriptedBrazeServer.StartAsync(307, "", "text/plain", ("Location", new Uri(Server.BaseAddress, "users/track").ToString()));
        using var http = BrazeHttpClients.Create();
        await EnqueueAsync(11, "u1", Events("A"), ("$FirstName", "Ann"));
        var redirected = Mapping.Fixtures.Parsed($"{{\"restApiKey\":\"{Key}\",\"instance\":\"Custom\",\"customRestEndpoint\":\"{proxy.BaseAddress}\"}}");
        var engine = new BrazeDelivery(
            OutputId, redirected, Store, Inbox, Profiles, new BrazeTrackClient(http, redirected, Time), new BrazeRateGates(Time), Time,
            new DeliveryOptions { JitterSeed = 7 }, Metrics);

        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        var queued = Assert.Single((await QueuedAsync()));
        Assert.Equal(1, queued.Attempts);
        Assert.StartsWith("redirect refused: 307 to " + Server.BaseAddress.GetLeftPart(UriPartial.Authority), queued.LastError, StringComparison.Ordinal);
        Assert.Equal(1, proxy.Requests);
        Assert.Empty(await TrackRequestsAsync());
        Assert.Empty(await Store.DeadLettersAsync(OutputId, 0, 10, default));

        // The operator sets the endpoint to the final address: the item goes through on its retry.
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Engine().RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal("Ann", (string?)(await ExportAsync("u1"))!["first_name"]);
    }
}
