using Switchyard.Braze.Engine;
using Switchyard.Braze.Tests.Engine;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Tests.AudienceSync;

public sealed class AudienceSettleTests : AudienceDeliveryFixture
{
    [Fact]
    public async Task A_user_without_an_external_id_is_acknowledged_and_counted_as_skipped()
    {
        using var metrics = new MetricsCapture(OutputId);
        var engine = AudienceEngine();
        await Sync(1, null, 11036);

        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Empty(await TrackRequestsAsync());
        Assert.Equal(1, metrics.Sum("switchyard.audience_sync.users.skipped"));
        Assert.Equal(1, metrics.Sum("switchyard.delivery.items.skipped"));
    }

    [Fact]
    public async Task A_users_items_of_one_pass_go_as_one_attributes_object_in_one_request()
    {
        var engine = AudienceEngine("all");
        await Sync(1, "dreamer", 11036);
        await Sync(1, "dreamer", 11036, 11034);
        await Cleanup(1, 20000);

        Assert.Equal(3, await engine.RunOnceAsync(CancellationToken.None));

        var request = Assert.Single(await TrackRequestsAsync());
        var body = System.Text.Json.Nodes.JsonNode.Parse((string)request!["body_excerpt"]!)!;
        Assert.Single(body["attributes"]!.AsArray());
        Assert.Equal("11034,11036", (string?)(await CustomAttributesAsync("dreamer"))["SegmentMembership"]);
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
    }

    [Fact]
    public async Task An_unchanged_user_is_acknowledged_without_a_request()
    {
        using var metrics = new MetricsCapture(OutputId);
        var engine = AudienceEngine();
        await Sync(1, "never-member", 42);

        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Empty(await TrackRequestsAsync());
        Assert.Equal(1, metrics.Sum("switchyard.audience_sync.users.unchanged"));
        Assert.Equal(1, metrics.Sum("switchyard.delivery.items.delivered"));
    }

    [Fact]
    public async Task An_unreadable_payload_or_a_missing_profile_is_dead_lettered_with_the_reason()
    {
        var engine = AudienceEngine();
        await Enqueue(1, """{"seq":4}""");
        await Enqueue(2, BrazeAudiencePayload.CreateSync());

        Assert.Equal(2, await engine.RunOnceAsync(CancellationToken.None));

        var dead = await Store.DeadLettersAsync(OutputId, 0, 10, default);
        Assert.Contains("unreadable outbox payload", dead.Single(d => d.Mpid == 1).Reason, StringComparison.Ordinal);
        Assert.Equal("profile 2 not found", dead.Single(d => d.Mpid == 2).Reason);
    }

    [Fact]
    public async Task The_email_and_the_configured_platforms_push_token_ride_along_with_the_first_change()
    {
        var engine = AudienceEngine(extra: ""","apiKey":"app-ios","apiKeyOperatingSystem":"iOS" """);
        using (var session = await Profiles.BeginSessionAsync(default))
        {
            var profile = new Profile { Mpid = 1 };
            profile.UserIdentities["customer_id"] = "dreamer";
            profile.UserIdentities["email"] = "dreamer@example.com";
            profile.PushTokens["iOS"] = new StoredPushToken { Token = "ios-token" };
            session.Save(profile);
            await session.CommitAsync(default);
        }

        await Sync(1, "dreamer", 11036);
        await RunUntilIdleAsync(engine);

        var user = (await ExportAsync("dreamer"))!;
        Assert.Equal("dreamer@example.com", (string?)user["email"]);
        Assert.Contains("ios-token", user.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await DataPointsAsync("profile_attributes"));

        await Sync(1, "dreamer", 11036, 11034);
        await RunUntilIdleAsync(engine);
        Assert.Equal(1, await DataPointsAsync("profile_attributes"));
        Assert.DoesNotContain("ios-token", (await TrackRequestsAsync())[1]!.ToJsonString(), StringComparison.Ordinal);
    }
}
