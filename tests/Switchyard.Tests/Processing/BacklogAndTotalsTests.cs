using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;
using Switchyard.Processing;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Processing;

/// <summary>What an operator alerts on: the processor's backlog and lag and each output's oldest item at /metrics, and processing totals that survive a restart.</summary>
[Collection(MetricsCollection.Name)]
public sealed class BacklogAndTotalsTests
{
    [Fact]
    public async Task The_backlog_and_lag_of_unprocessed_batches_and_the_oldest_item_per_output_are_exported()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", OutputTypes.Braze, """{"restApiKey":"k","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""")],
        };
        // No processor: batches stay unprocessed and queued items stay queued.
        await using var service = await TestService.StartAsync(workspace, time, runProcessor: false);
        using (var first = await service.PostAsync("/v2/events", Batches.CustomEvent("a")))
        using (var second = await service.PostAsync("/v2/events", Batches.CustomEvent("b")))
        {
            Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        }

        using (var session = await service.Host.Services.GetRequiredService<IProfileStore>().BeginSessionAsync(default))
        {
            session.Enqueue(new OutboxEntry("braze", 42, "{}", time.GetUtcNow().ToUnixTimeMilliseconds()));
            await session.CommitAsync(default);
        }

        time.Advance(TimeSpan.FromSeconds(90));
        await service.Host.Services.GetRequiredService<BacklogMetrics>().SampleAsync(default);

        await ScrapeUntilAsync(service, @"switchyard_processing_backlog(_batch)?(\{[^}]*\})? 2\b", @"switchyard_processing_lag_seconds(\{[^}]*\})? 90\b", @"switchyard_outbox_oldest_item_age_seconds\{[^}]*output=""braze""[^}]*\} 90\b");
    }

    [Fact]
    public async Task Processing_totals_survive_a_restart()
    {
        var workspace = new Workspace([TestService.Feed("app")]);
        var service = await TestService.StartAsync(workspace);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var accepted = await service.PostAsync("/v2/events", Batches.CustomEvent("e" + i));
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }

            JsonNode? before = null;
            await Eventually.HoldsAsync(
                async () => (long)(before = await ProcessingAsync(service))["processed_batches"]! == 3,
                TimeSpan.FromSeconds(20),
                "three batches processed");

            service = await service.RestartAsync(workspace);

            var after = await ProcessingAsync(service);
            Assert.Equal(3, (long)after["processed_batches"]!);
            Assert.Equal((long)before!["processed_events"]!, (long)after["processed_events"]!);
            Assert.Equal((long)before["profiles_created"]!, (long)after["profiles_created"]!);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<JsonNode> ProcessingAsync(TestService service)
    {
        using var answer = await service.AdminAsync(HttpMethod.Get, "/admin/processing");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
    }

    private static async Task<string> ScrapeUntilAsync(TestService service, params string[] patterns)
    {
        var text = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await service.Client.GetAsync("/metrics");
            text = await response.Content.ReadAsStringAsync();
            if (patterns.All(p => Regex.IsMatch(text, p)))
            {
                return text;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Not every pattern showed at /metrics: " + string.Join(", ", patterns.Where(p => !Regex.IsMatch(text, p))) + "\n" + text);
        return text;
    }
}
