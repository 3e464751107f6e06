using Switchyard.Core.Delivery.Engine;
using System.Net.Http.Json;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using static Switchyard.Braze.Tests.Delivery.Updates;

namespace Switchyard.Braze.Tests.Client;

/// <summary>The gate and the client together against the sandbox's own limiter, on one fake clock.</summary>
public sealed class RateGateWithSandboxTests : SandboxFixture
{
    private static BrazeTrackRequest OneUser() => Assert.Single(BrazeRequestPacker.Pack([(1, User("u1"))], BrazeBatchRule.Combined75));

    private async Task<int?> SendThroughGateAsync(RateGate gate, BrazeTrackClient client)
    {
        if (!gate.TryAcquire(out _))
        {
            return null;
        }

        var result = await client.SendAsync(OneUser(), CancellationToken.None);
        if (result.PauseUntil is { } until)
        {
            await gate.PauseUntilAsync(until, CancellationToken.None);
        }

        return result.StatusCode;
    }

    [Fact]
    public async Task A_gate_sized_to_the_limit_never_meets_a_429_and_resumes_in_the_next_window()
    {
        using (var put = await Control.PutAsJsonAsync("_sandbox/ratelimits", new { track = new { limit = 5 } }))
        {
            Assert.True(put.IsSuccessStatusCode);
        }

        using var http = new HttpClient();
        var client = NewClient(http);
        var gate = new BrazeRateGates(Time).For(Parsed(5));

        var statuses = new List<int?>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add(await SendThroughGateAsync(gate, client));
        }

        Assert.Equal([201, 201, 201, 201, 201, null, null], statuses);
        Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(201, await SendThroughGateAsync(gate, client));
    }

    [Fact]
    public async Task After_a_429_the_gate_sends_nothing_until_the_advertised_reset()
    {
        await FaultAsync(new { kind = "status", status = 429, retry_after_seconds = 20 });
        using var http = new HttpClient();
        var client = NewClient(http);
        var gate = new BrazeRateGates(Time).For(Parsed(3000));

        Assert.Equal(429, await SendThroughGateAsync(gate, client));
        Time.Advance(TimeSpan.FromSeconds(19));
        Assert.Null(await SendThroughGateAsync(gate, client));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(201, await SendThroughGateAsync(gate, client));

        var log = await Control.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("_sandbox/requests?path=/users/track");
        Assert.Equal(2, (int?)log!["count"]);
    }

    private BrazeOutputSettings Parsed(int rateLimit) =>
        Mapping.Fixtures.Parsed($"{{\"restApiKey\":\"{Key}\",\"instance\":\"Custom\",\"customRestEndpoint\":\"{Server.BaseAddress}\",\"rateLimit\":{rateLimit}}}");
}
