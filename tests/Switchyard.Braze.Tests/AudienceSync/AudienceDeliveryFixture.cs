using Switchyard.Core.Delivery.Engine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Settings;
using Switchyard.Braze.Tests.Engine;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Tests.AudienceSync;

/// <summary>
/// The audience engine against the real sandbox and SQLite store of <see cref="DeliveryFixture"/>. Profiles and items
/// enter as the host would put them there: the profile's audiences saved and an item enqueued in one session.
/// </summary>
public abstract class AudienceDeliveryFixture : DeliveryFixture
{
    protected static readonly AudienceLink Ibiza = new(11036, "Ibiza dreamers", true);

    protected static readonly AudienceLink Paris = new(11034, "Possible Parisians", true);

    /// <summary>The output's connections as the host stores them; the engine reads them each pass.</summary>
    protected List<AudienceLink> Links { get; } = [Ibiza, Paris];

    /// <summary>Settings with these forms; <c>SegmentMembership</c> unquoted unless <paramref name="extra"/> names a format (the tests compare ids).</summary>
    protected BrazeAudienceSettings AudienceSettings(string forms, string extra = "")
    {
        var format = extra.Contains("segmentMembershipFormat", StringComparison.Ordinal) ? "" : ",\"segmentMembershipFormat\":\"unquoted\"";
        var result = BrazeAudienceSettings.Parse(
            $$"""{"restApiKey":"{{Key}}","sendSegmentsAs":"{{forms}}","instance":"Custom","customRestEndpoint":"{{Server.BaseAddress}}"{{format}}{{extra}}}""");
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Settings!;
    }

    protected BrazeAudienceDelivery AudienceEngine(string forms = "single_string", string extra = "", DeliveryOptions? options = null)
    {
        var settings = AudienceSettings(forms, extra);
        return new BrazeAudienceDelivery(
            OutputId, settings, Store, Profiles, _ => Task.FromResult<IReadOnlyList<AudienceLink>>(Links.ToArray()), new BrazeTrackClient(Http, settings.Connection, Time), new BrazeRateGates(Time), Time,
            options ?? new DeliveryOptions { JitterSeed = 7 }, Metrics);
    }

    /// <summary>Saves the user's audiences (and customer id) and enqueues a sync item, as the host does after an evaluation.</summary>
    protected async Task Sync(long mpid, string? customerId, params int[] audiences)
    {
        using var session = await Profiles.BeginSessionAsync(default);
        var profile = (await session.LoadAsync(mpid, default)) ?? new Profile { Mpid = mpid };
        if (customerId is not null)
        {
            profile.UserIdentities["customer_id"] = customerId;
        }

        profile.Audiences = [.. audiences];
        session.Save(profile);
        session.Enqueue(new OutboxEntry(OutputId, mpid, BrazeAudiencePayload.CreateSync(), Time.GetUtcNow().ToUnixTimeMilliseconds()));
        await session.CommitAsync(default);
    }

    protected async Task Enqueue(long mpid, string payload)
    {
        using var session = await Profiles.BeginSessionAsync(default);
        session.Enqueue(new OutboxEntry(OutputId, mpid, payload, Time.GetUtcNow().ToUnixTimeMilliseconds()));
        await session.CommitAsync(default);
    }

    protected Task Cleanup(long mpid, params int[] audienceIds) => Enqueue(mpid, BrazeAudiencePayload.CreateCleanup(audienceIds));

    /// <summary>Defines a sandbox segment (docs/sandbox.md, Segments) from one condition.</summary>
    protected async Task SegmentAsync(string name, string attribute, string @operator, object? value = null)
    {
        var condition = new JsonObject { ["attribute"] = attribute, ["operator"] = @operator };
        if (value is not null)
        {
            condition["value"] = JsonValue.Create(value);
        }

        using var response = await Control.PutAsJsonAsync($"_sandbox/segments/{Uri.EscapeDataString(name)}", new JsonObject { ["filter"] = condition });
        Assert.Equal(200, (int)response.StatusCode);
    }

    /// <summary>The external ids in a sandbox segment, sorted.</summary>
    protected async Task<string[]> MembersAsync(string segment)
    {
        var body = await Control.GetFromJsonAsync<JsonObject>($"_sandbox/segments/{Uri.EscapeDataString(segment)}/members");
        return [.. body!["members"]!.AsArray().Select(m => (string)m!["external_id"]!).Order(StringComparer.Ordinal)];
    }

    protected async Task<JsonObject> CustomAttributesAsync(string externalId) =>
        (await ExportAsync(externalId))!["custom_attributes"]?.AsObject() ?? [];

    protected async Task<int> RunUntilIdleAsync(BrazeAudienceDelivery engine, int maxPasses = 20)
    {
        var total = 0;
        for (var i = 0; i < maxPasses; i++)
        {
            var settled = await engine.RunOnceAsync(CancellationToken.None);
            if (settled == 0)
            {
                break;
            }

            total += settled;
        }

        return total;
    }

    /// <summary>One segment per form, each holding the members of audience 11036 "Ibiza dreamers" (the seed's walkthrough).</summary>
    protected async Task IbizaSegmentsAsync()
    {
        await SegmentAsync("ibiza-string", "SegmentMembership", "matches_regex", "11036");
        await SegmentAsync("ibiza-array", "SegmentMembershipArray", "includes_value", "11036");
        await SegmentAsync("ibiza-per-segment", "In Ibiza dreamers", "is_true");
    }
}
