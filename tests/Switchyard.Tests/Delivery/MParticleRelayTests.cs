using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Switchyard.Core.Delivery;
using Switchyard.Core.Workspace;
using Switchyard.Testing.Hostile;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>
/// An <c>mparticle</c> output relays the batches of one Switchyard (A) to the Events API of another (B), over real
/// loopback sockets: B builds the profiles; a B that is down is retried until it is up; what B refuses is dead-lettered
/// at A with B's reason; a relayed batch is never relayed back.
/// </summary>
public sealed class MParticleRelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Batches_sent_to_one_switchyard_build_profiles_at_the_switchyard_it_relays_to()
    {
        await using var receiver = await TestService.StartAsync(new Workspace([TestService.Feed("relay")]));
        await using var sender = await TestService.StartAsync(SenderWorkspace(receiver.Host.BaseAddress));

        await PostAsync(sender, "c-1", "development", email: "one@example.com");
        await PostAsync(sender, "c-2", "development");

        await Eventually.HoldsAsync(() => HasProfileAsync(receiver, "c-1"), Patience, "c-1's profile at the receiver");
        await Eventually.HoldsAsync(() => HasProfileAsync(receiver, "c-2"), Patience, "c-2's profile at the receiver");
        using var profile = await receiver.AdminAsync(HttpMethod.Get, "/admin/profiles?identity=email&value=one@example.com");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        await Eventually.HoldsAsync(async () => await Store(sender).CountQueuedAsync("to-b", default) == 0, Patience, "the relay's outbox emptied");
        Assert.Empty(await Store(sender).DeadLettersAsync("to-b", 0, 10, default));
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_retried_and_gets_the_batch_once_it_is_up()
    {
        var port = FreePort();
        using var logs = new LogRecorder();
        await using var sender = await TestService.StartAsync(SenderWorkspace(new Uri($"http://127.0.0.1:{port}/")), logs: logs);

        await PostAsync(sender, "c-late", "development");
        var failing = await logs.WaitForAsync(e => e.EventId == 2001, Patience);
        Assert.Contains("to-b", failing.Message, StringComparison.Ordinal);
        Assert.Contains("no answer from the receiver", failing.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Store(sender).CountQueuedAsync("to-b", default));

        await using var receiver = await TestService.StartAsync(new Workspace([TestService.Feed("relay")]), port: port);
        await Eventually.HoldsAsync(() => HasProfileAsync(receiver, "c-late"), Patience, "c-late reached the receiver once it was up");
        await logs.WaitForAsync(e => e.EventId == 2002, Patience);
        Assert.Empty(await Store(sender).DeadLettersAsync("to-b", 0, 10, default));
    }

    [Fact]
    public async Task A_receiver_that_answers_429_is_waited_for_and_every_batch_lands()
    {
        // One batch a second at the receiver; the relay sends one batch a request, so the second request meets a 429.
        await using var receiver = await TestService.StartAsync(new Workspace([TestService.Feed("relay", rateLimit: new FeedRateLimit(1, 1))]));
        using var logs = new LogRecorder();
        var workspace = SenderWorkspace(receiver.Host.BaseAddress, """{"batchSize":1}""");
        await using var sender = await TestService.StartAsync(workspace, logs: logs);

        for (var i = 0; i < 3; i++)
        {
            await PostAsync(sender, $"c-limited-{i}", "development");
        }

        var paused = await logs.WaitForAsync(e => e.EventId == 2003, Patience);
        Assert.Contains("to-b", paused.Message, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            var user = $"c-limited-{i}";
            await Eventually.HoldsAsync(() => HasProfileAsync(receiver, user), Patience, $"{user} reached the rate-limited receiver");
        }

        Assert.Empty(await Store(sender).DeadLettersAsync("to-b", 0, 10, default));
    }

    [Fact]
    public async Task A_batch_the_receiver_refuses_is_dead_lettered_with_its_reason_while_the_others_are_delivered()
    {
        // The receiver's feed takes production data only; the sender's feed takes both.
        await using var receiver = await TestService.StartAsync(new Workspace([TestService.Feed("relay", environment: "production")]));
        await using var sender = await TestService.StartAsync(SenderWorkspace(receiver.Host.BaseAddress));

        await PostAsync(sender, "c-prod", "production");
        await PostAsync(sender, "c-dev", "development");

        await Eventually.HoldsAsync(async () => (await Store(sender).DeadLettersAsync("to-b", 0, 10, default)).Count == 1, Patience, "the development batch was dead-lettered");
        await Eventually.HoldsAsync(() => HasProfileAsync(receiver, "c-prod"), Patience, "c-prod reached the receiver");
        var deadLetter = Assert.Single(await Store(sender).DeadLettersAsync("to-b", 0, 10, default));
        Assert.Contains("refused by the receiver", deadLetter.Reason, StringComparison.Ordinal);
        Assert.Contains("ENVIRONMENT_MISMATCH", deadLetter.Reason, StringComparison.Ordinal);
        Assert.True(deadLetter.KeepsBatch);
        Assert.False(await HasProfileAsync(receiver, "c-dev"));
    }

    [Fact]
    public async Task A_relayed_batch_is_not_relayed_back_to_the_switchyard_it_came_from()
    {
        var senderPort = FreePort();
        var receiverWorkspace = new Workspace([TestService.Feed("relay")])
        {
            Outputs = [Relay("back-to-a", new Uri($"http://127.0.0.1:{senderPort}/"), "app")],
            Connections = [new Connection("relay", "back-to-a")],
        };
        await using var receiver = await TestService.StartAsync(receiverWorkspace);
        await using var sender = await TestService.StartAsync(SenderWorkspace(receiver.Host.BaseAddress), port: senderPort);

        await PostAsync(sender, "c-once", "development");

        await Eventually.HoldsAsync(() => HasProfileAsync(receiver, "c-once"), Patience, "c-once reached the receiver");
        await Eventually.HoldsAsync(async () => await Store(receiver).CountQueuedAsync("back-to-a", default) == 0, Patience, "the receiver settled its relay item");
        Assert.Equal(1, await sender.Host.Inbox.CountAsync(CancellationToken.None));
        Assert.Empty(await Store(receiver).DeadLettersAsync("back-to-a", 0, 10, default));
    }

    [Fact]
    public async Task An_endpoint_that_is_the_switchyards_own_listener_stops_the_start()
    {
        var port = FreePort();
        var workspace = new Workspace([TestService.Feed("app")]) { Outputs = [Relay("to-self", new Uri($"http://localhost:{port}"), "app")] };

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => TestService.StartAsync(workspace, port: port));

        Assert.StartsWith("outputs[0].settings.endpoint: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("own listener", error.Message, StringComparison.Ordinal);
    }

    private static Workspace SenderWorkspace(Uri receiver, string extra = "{}") => new([TestService.Feed("app")])
    {
        Outputs = [Relay("to-b", receiver, "relay", extra)],
        Connections = [new Connection("app", "to-b")],
    };

    private static OutputDefinition Relay(string id, Uri endpoint, string feed, string extra = "{}")
    {
        var settings = JsonNode.Parse(extra)!.AsObject();
        settings["endpoint"] = endpoint.ToString();
        settings["apiKey"] = feed + "-key";
        settings["apiSecret"] = TestService.Secret;
        return new OutputDefinition(id, "mparticle", settings.ToJsonString());
    }

    private static IDeliveryStore Store(TestService service) => (IDeliveryStore)service.Host.Profiles;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task PostAsync(TestService service, string customerId, string environment, string? email = null)
    {
        var identities = new JsonObject { ["customer_id"] = customerId };
        if (email is not null)
        {
            identities["email"] = email;
        }

        var batch = new JsonObject
        {
            ["environment"] = environment,
            ["user_identities"] = identities,
            ["events"] = new JsonArray(new JsonObject
            {
                ["event_type"] = "custom_event",
                ["data"] = new JsonObject { ["event_name"] = "Relayed", ["custom_event_type"] = "other" },
            }),
        };
        using var response = await service.PostAsync("/v2/events", batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<bool> HasProfileAsync(TestService service, string customerId)
    {
        using var response = await service.AdminAsync(HttpMethod.Get, $"/admin/profiles?identity=customer_id&value={customerId}");
        return response.StatusCode == HttpStatusCode.OK;
    }
}
