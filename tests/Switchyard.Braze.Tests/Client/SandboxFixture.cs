using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Braze.Client;
using Switchyard.Braze.Settings;
using Switchyard.Sandbox.Hosting;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Client;

/// <summary>
/// A real sandbox on a loopback port with a fake clock shared with the client under test, so advertised resets and
/// latency faults are exact and nothing waits on the wall clock.
/// </summary>
public abstract class SandboxFixture : IAsyncLifetime
{
    protected const string Key = "client-test-key-0001";

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    protected SandboxServer Server { get; private set; } = null!;

    protected HttpClient Control { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0, TimeProvider = Time };
        options.ApiKeys.Add(new SandboxApiKey(Key));
        // SandboxOptions.TimeProvider times the user store only; faults and rate limits read the clock from DI.
        Server = await SandboxServer.StartAsync(options, services => services.AddSingleton<TimeProvider>(Time));
        Control = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await Server.DisposeAsync();
    }

    protected BrazeOutputSettings Settings(string key = Key) =>
        Parsed($"{{\"restApiKey\":\"{key}\",\"instance\":\"Custom\",\"customRestEndpoint\":\"{Server.BaseAddress}\"}}");

    protected BrazeTrackClient NewClient(HttpClient http, string key = Key) => new(http, Settings(key), Time);

    /// <summary>Injects a fault through the control API (docs/sandbox.md, Fault injection).</summary>
    protected async Task FaultAsync(object rule)
    {
        using var response = await Control.PostAsJsonAsync("_sandbox/faults", rule);
        Assert.Equal(201, (int)response.StatusCode);
    }
}
