using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

public sealed class DedupeKeyPrunerTests
{
    [Fact]
    public async Task Expired_dedupe_keys_are_dropped_on_the_hourly_prune()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var data = Path.Combine(Path.GetTempPath(), "switchyard-prune-" + Guid.NewGuid().ToString("N"));
        await using (var host = await SwitchyardHost.StartAsync(new ServeSettings
        {
            Workspace = new Workspace([TestService.Feed("app")]),
            DataDirectory = data,
            Port = 0,
            MinimumLogLevel = LogLevel.Warning,
        }, time))
        {
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(Batches.CustomEvent(sourceRequestId: "old"), System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);
            using var response = await client.SendAsync(request);
            Assert.Equal(1L, await DedupeKeysAsync(data));

            // The pruner's hourly timer runs on its own thread: move the clock an hour at a time until it has pruned.
            time.Advance(TimeSpan.FromDays(30));
            for (var attempt = 0; attempt < 100 && await DedupeKeysAsync(data) > 0; attempt++)
            {
                time.Advance(DedupeKeyPruner.Interval);
                await Task.Delay(50);
            }

            Assert.Equal(0L, await DedupeKeysAsync(data));
        }

        Directory.Delete(data, recursive: true);
    }

    private static async Task<long> DedupeKeysAsync(string data)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "inbox.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox_dedupe";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
