using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Sandbox.Hosting;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Postgres.RateBudgets;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>
/// Three nodes' rate gates (a budget store of their own each, one PostgreSQL database) sending with one REST key to the
/// sandbox, whose own limiter is set to the key's limit; the sandbox and the gates share one fake clock, so windows
/// change only between the test's rounds and no request straddles a window edge.
/// </summary>
public sealed class SharedRateBudgetSandboxTests : IAsyncLifetime
{
    private const string Key = "shared-budget-rest-key-0123456789";
    private const int Limit = 30;
    private const int Nodes = 3;

    // One second into a window: 2026-11-29T00:00:00Z is a multiple of 3 s since the epoch.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 1, TimeSpan.Zero));
    private readonly List<PostgresRateBudgetStore> _stores = [];
    private PostgresTestDatabase _database = null!;
    private SandboxServer _sandbox = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var options = new SandboxOptions { Port = 0, TimeProvider = _time };
        options.ApiKeys.Add(new SandboxApiKey(Key));
        _sandbox = await SandboxServer.StartAsync(options, services => services.AddSingleton<TimeProvider>(_time));
        _control = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        using var put = await _control.PutAsJsonAsync("_sandbox/ratelimits", new { track = new { limit = Limit } });
        Assert.True(put.IsSuccessStatusCode);
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _sandbox.DisposeAsync();
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Three_nodes_sending_with_one_key_as_fast_as_their_gates_allow_never_meet_the_sandboxs_429()
    {
        var parsed = BrazeOutputSettings.Parse($$"""{"restApiKey":"{{Key}}","instance":"Custom","customRestEndpoint":"{{_sandbox.BaseAddress}}","rateLimit":{{Limit}}}""");
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var settings = parsed.Settings!;
        var request = BrazeRequestPacker.Pack([(1, new BrazeUserUpdate("u1", [new BrazeProperty("first_name", new BrazeString("Ann"))], [], [], [], []))], BrazeBatchRule.Combined75).Single();

        var gates = new List<RateGate>();
        for (var node = 0; node < Nodes; node++)
        {
            var store = await PostgresRateBudgetStore.OpenAsync(new PostgresStorageOptions { ConnectionString = _database.ConnectionString });
            _stores.Add(store);
            gates.Add(new BrazeRateGates(new RateGates(_time, store, NullLogger<RateGates>.Instance)).For(settings));
        }

        using var http = new HttpClient();
        var client = new BrazeTrackClient(http, settings, _time);
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var senders = gates.SelectMany(gate => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                await gate.WaitAsync(stop.Token);
                var result = await client.SendAsync(request, CancellationToken.None);
                if (result.PauseUntil is { } until)
                {
                    await gate.PauseUntilAsync(until, CancellationToken.None);
                }

                Interlocked.Increment(ref answered);
            }
        }))).ToArray();

        const int Windows = 3;
        for (var window = 1; window <= Windows; window++)
        {
            await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref answered) >= Limit * window), TimeSpan.FromSeconds(60), $"{Limit} requests answered in window {window}");
            Assert.All(gates, gate => Assert.False(gate.TryAcquire(out _)));
            if (window < Windows)
            {
                _time.Advance(TimeSpan.FromSeconds(3));
            }
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(senders));
        var log = await _control.GetFromJsonAsync<JsonObject>("_sandbox/requests?path=/users/track&limit=1000");
        var statuses = log!["requests"]!.AsArray().Select(r => (int)r!["status"]!).ToList();
        Assert.Equal(Limit * Windows, statuses.Count);
        Assert.All(statuses, status => Assert.Equal(201, status));
    }
}
