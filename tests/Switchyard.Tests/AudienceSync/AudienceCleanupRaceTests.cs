using Switchyard.Core.Delivery.Engine;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.AudienceSync;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.AudienceSync;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;
using Switchyard.Sandbox.Hosting;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Tests.AudienceSync;

/// <summary>A clean-up started while a delivery pass that planned with the connection still active is in flight.</summary>
public sealed class AudienceCleanupRaceTests : IAsyncLifetime
{
    private const string Output = "braze-audiences";
    private const string RestKey = "cleanup-race-rest-key-0123";
    private const int Dreamers = 11036;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-cleanup-race-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private SandboxServer _sandbox = null!;
    private HttpClient _control = null!;
    private SqliteProfileStore _profiles = null!;
    private SqliteAudienceStore _audiences = null!;
    private ConnectedAudiences _connected = null!;
    private AudienceLinks _links = null!;
    private AudienceConnectionEditor _manager = null!;

    public async Task InitializeAsync()
    {
        var sandboxOptions = new SandboxOptions { Port = 0 };
        sandboxOptions.ApiKeys.Add(new SandboxApiKey(RestKey));
        _sandbox = await SandboxServer.StartAsync(sandboxOptions);
        _control = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        var options = new SqliteStorageOptions { DataDirectory = _directory };
        _profiles = await SqliteProfileStore.OpenAsync(options, _time);
        _audiences = await SqliteAudienceStore.OpenAsync(options, _time);
        await _audiences.UpsertAsync(Dreamers, $$$"""{"id":{{{Dreamers}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}""", null, CancellationToken.None);
        _connected = new ConnectedAudiences(_profiles, _audiences);
        _links = new AudienceLinks(_connected);
        _manager = new AudienceConnectionEditor(_profiles, _profiles, new BrazeAudienceLedgerFields(), _time);
        await _manager.StartTailsAsync([Output], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _control.Dispose();
        await _sandbox.DisposeAsync();
        await _audiences.DisposeAsync();
        await _profiles.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_clean_up_started_while_a_pass_adds_the_audience_still_removes_it_once_that_pass_is_recorded()
    {
        await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        var worker = Worker();
        await DrainAsync(worker);
        await Join(1, "u1");
        await DrainAsync(worker);

        // The engine reads the links (still active), then the admin cleans up and the job walks the ledger before the
        // pass has sent and recorded u1's SegmentMembership.
        var cleanedUp = false;
        var engine = Engine(async cancellationToken =>
        {
            var links = await _links.OfAsync(Output, cancellationToken);
            if (!cleanedUp)
            {
                cleanedUp = true;
                Assert.NotNull(await _manager.CleanUpAsync(Output, Dreamers, CancellationToken.None));
                await DrainAsync(worker);
            }

            return links;
        });
        for (var round = 0; round < 5; round++)
        {
            while (await engine.RunOnceAsync(CancellationToken.None) > 0)
            {
            }

            await DrainAsync(worker);
        }

        Assert.True(cleanedUp);
        Assert.Equal(AudienceJobState.Done, (await _profiles.AudienceJobsAsync(Output, Dreamers, runningOnly: false, 1, CancellationToken.None))[0].State);
        Assert.Null((await ExportAsync("u1"))?["custom_attributes"]?["SegmentMembership"]);
        Assert.Empty(await _profiles.LastSentAsync(Output, 1, default));
    }

    private BrazeAudienceDelivery Engine(Func<CancellationToken, Task<IReadOnlyList<AudienceLink>>> links)
    {
        var settings = BrazeAudienceSettings.Parse(
            new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = _sandbox.BaseAddress.ToString().TrimEnd('/') }.ToJsonString()).Settings!;
        return new BrazeAudienceDelivery(
            Output, settings, _profiles, _profiles, links, new BrazeTrackClient(_http, settings.Connection, _time), new BrazeRateGates(_time), _time,
            new DeliveryOptions { JitterSeed = 7 }, new BrazeDeliveryMetrics());
    }

    private AudienceSyncEngine Worker() => new(
        [Output], _profiles, _profiles, _profiles, _connected, new BrazeAudienceLedgerFields(), new AudienceSyncOptions(), _time, NullLogger<AudienceSyncEngine>.Instance);

    private static async Task DrainAsync(AudienceSyncEngine worker)
    {
        for (var round = 0; round < 100 && await worker.RunOnceAsync(CancellationToken.None) > 0; round++)
        {
        }
    }

    /// <summary>The user joins the audience as the processor records it: profile and membership-log entry in one session.</summary>
    private async Task Join(long mpid, string customerId)
    {
        using var session = await _profiles.BeginSessionAsync(default);
        var profile = (await session.LoadAsync(mpid, default)) ?? new Profile { Mpid = mpid };
        profile.UserIdentities["customer_id"] = customerId;
        profile.Audiences.Add(Dreamers);
        session.Save(profile);
        session.AppendMembershipChange(new MembershipChange(0, Dreamers, mpid, MembershipAction.Add, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        await session.CommitAsync(default);
    }

    private async Task<JsonNode?> ExportAsync(string externalId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
        {
            Content = new StringContent($$"""{"external_ids":["{{externalId}}"],"fields_to_export":["external_id","custom_attributes"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RestKey);
        using var response = await _control.SendAsync(request);
        var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
        return users.Count == 0 ? null : users[0];
    }
}
