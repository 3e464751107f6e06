using Switchyard.Core.Delivery.Engine;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Sandbox.Hosting;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>
/// The engine against real SQLite stores in a temp folder and a real sandbox on loopback, all on one fake clock.
/// Items are produced the way the processor does: batch appended to the inbox, profile saved and outbox item enqueued
/// in one committed session.
/// </summary>
public abstract class DeliveryFixture : IAsyncLifetime
{
    protected const string Key = "engine-test-key-0001";
    /// <summary>Unique per test, so meter listeners of tests running in parallel see only their own measurements.</summary>
    protected string OutputId { get; } = "braze-" + Guid.NewGuid().ToString("N")[..8];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-delivery-" + Guid.NewGuid().ToString("N"));
    private HttpClient _http = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    protected SandboxServer Server { get; private set; } = null!;

    protected HttpClient Control { get; private set; } = null!;

    /// <summary>The client engines send through.</summary>
    protected HttpClient Http => _http;

    protected SqliteProfileStore Profiles { get; private set; } = null!;

    protected SqliteInboxStore Inbox { get; private set; } = null!;

    protected IDeliveryStore Store => Profiles;

    protected BrazeDeliveryMetrics Metrics { get; } = new();

    /// <summary>Caps profiles.db (delivery writes then fail as on a full disk); no cap until a test sets one.</summary>
    protected SqlitePageCap PageCap { get; } = new();

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0, TimeProvider = Time };
        options.ApiKeys.Add(new SandboxApiKey(Key));
        Server = await SandboxServer.StartAsync(options, services => services.AddSingleton<TimeProvider>(Time));
        Control = new HttpClient { BaseAddress = Server.BaseAddress };
        _http = new HttpClient();
        var storage = new SqliteStorageOptions { DataDirectory = _directory, SynchronousFull = false, PageCap = PageCap };
        Inbox = await SqliteInboxStore.OpenAsync(storage, Time);
        Profiles = await SqliteProfileStore.OpenAsync(storage, Time);
    }

    public async Task DisposeAsync()
    {
        Metrics.Dispose();
        _http.Dispose();
        Control.Dispose();
        await Profiles.DisposeAsync();
        await Inbox.DisposeAsync();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    protected BrazeOutputSettings Settings(string extra = "") =>
        Mapping.Fixtures.Parsed($"{{\"restApiKey\":\"{Key}\",\"instance\":\"Custom\",\"customRestEndpoint\":\"{Server.BaseAddress}\"{extra}}}");

    protected BrazeDelivery Engine(BrazeOutputSettings? settings = null, DeliveryOptions? options = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        settings ??= Settings();
        return new BrazeDelivery(
            OutputId, settings, Store, Inbox, Profiles, new BrazeTrackClient(_http, settings, Time), new BrazeRateGates(Time), Time,
            options ?? new DeliveryOptions { JitterSeed = 7 }, Metrics, logger);
    }

    /// <summary>Appends the batch, saves the user's profile (with these attributes) and enqueues the item, as the processor would.</summary>
    protected async Task<long> EnqueueAsync(long mpid, string? customerId, string body, params (string Name, string Value)[] attributes)
    {
        var identities = customerId is null ? "" : $$""","user_identities":{"customer_id":"{{customerId}}"}""";
        var json = $$"""{"environment":"production","mpid":{{mpid}}{{identities}}{{body}}}""";
        var appended = await Inbox.AppendAsync([new InboxRecord("feed", null, Encoding.UTF8.GetBytes(json))], CancellationToken.None);
        var sequence = appended.Sequences[0]!.Value;
        using var session = await Profiles.BeginSessionAsync(default);
        var profile = (await session.LoadAsync(mpid, default)) ?? new Profile { Mpid = mpid };
        if (customerId is not null)
        {
            profile.UserIdentities["customer_id"] = customerId;
        }
        foreach (var (name, value) in attributes)
        {
            profile.Attributes[name] = new StoredAttribute { Kind = AttributeValueKind.String, Text = value, UpdatedAtMs = Time.GetUtcNow().ToUnixTimeMilliseconds() };
        }

        session.Save(profile);
        session.Enqueue(new OutboxEntry(OutputId, mpid, BrazeOutboxPayload.Create(sequence), Time.GetUtcNow().ToUnixTimeMilliseconds()));
        await session.CommitAsync(default);
        return sequence;
    }

    /// <summary>Queues an item for a batch already in the inbox (the processor's enqueue again, or a crash before the acknowledgement).</summary>
    protected async Task EnqueueAgain(long mpid, long sequence, bool saveProfile = false)
    {
        using var session = await Profiles.BeginSessionAsync(default);
        if (saveProfile)
        {
            session.Save(new Profile { Mpid = mpid });
        }

        session.Enqueue(new OutboxEntry(OutputId, mpid, BrazeOutboxPayload.Create(sequence), Time.GetUtcNow().ToUnixTimeMilliseconds()));
        await session.CommitAsync(default);
    }

    /// <summary>
    /// Sets a value in a stored profile document with SQL, bypassing the store's checks, as a profile written by some other
    /// program (or an older version) could hold it.
    /// </summary>
    protected void SetInProfileDocument(long mpid, string path, string json)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "profiles.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE profiles SET doc = json_set(doc, $path, json($value)) WHERE mpid = $mpid";
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$value", json);
        command.Parameters.AddWithValue("$mpid", mpid);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>Every queued item of the output, due or not, with its retry state.</summary>
    protected Task<IReadOnlyList<OutboxItem>> QueuedAsync() => Store.ClaimDueAsync(OutputId, long.MaxValue, 1000, default);

    protected static string Events(params string[] names) =>
        ",\"events\":[" + string.Join(",", names.Select(n =>
            $$$"""{"event_type":"custom_event","data":{"event_name":"{{{n}}}","custom_event_type":"other","timestamp_unixtime_ms":1767323045678}}""")) + "]";

    protected static string Purchase(string sku, string currency = "EUR") =>
        $$$""","events":[{"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,"product_action":{"action":"purchase","transaction_id":"t1","products":[{"id":"{{{sku}}}","name":"N","price":9.5,"quantity":1}]},"currency_code":"{{{currency}}}"}}]""";

    protected Task<JsonObject?> ExportAsync(string externalId) => UserAsync(externalId);

    private async Task<JsonObject?> UserAsync(string externalId)
    {
        var page = await Control.GetFromJsonAsync<JsonObject>("_sandbox/users?page=1&page_size=100");
        return page!["users"]!.AsArray().OfType<JsonObject>().FirstOrDefault(u => (string?)u["external_id"] == externalId);
    }

    /// <summary>This key's data points: <c>custom_attributes</c>, <c>profile_attributes</c>, <c>events</c>, <c>purchases</c>, <c>total</c>.</summary>
    /// <remarks>A key that was never billed has no row: every kind reads 0.</remarks>
    protected async Task<JsonObject?> DataPointsAsync() =>
        (await Control.GetFromJsonAsync<JsonObject>($"_sandbox/datapoints?key={Key}"))!["keys"]?["****0001"]?.AsObject();

    protected async Task<int> DataPointsAsync(string kind) => (int?)(await DataPointsAsync())?[kind] ?? 0;

    protected async Task<JsonArray> TrackRequestsAsync() =>
        (await Control.GetFromJsonAsync<JsonObject>("_sandbox/requests?path=/users/track"))!["requests"]!.AsArray();

    /// <summary>Injects a fault through the control API (docs/sandbox.md, Fault injection).</summary>
    protected async Task FaultAsync(object rule)
    {
        using var response = await Control.PostAsJsonAsync("_sandbox/faults", rule);
        Assert.Equal(201, (int)response.StatusCode);
    }

    protected async Task<int> RunUntilIdleAsync(BrazeDelivery engine, int maxPasses = 20)
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
}
