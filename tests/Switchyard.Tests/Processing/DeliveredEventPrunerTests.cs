using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Processing;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Tests.Processing;

public sealed class DeliveredEventPrunerTests
{
    [Fact]
    public async Task Delivered_event_ids_are_forgotten_after_their_retention_on_the_hourly_prune()
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-pruner-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using (var store = await SqliteProfileStore.OpenAsync(new SqliteStorageOptions { DataDirectory = directory }, time))
        {
            await store.RecordDeliveredAsync("braze", ["old"], time.GetUtcNow().ToUnixTimeMilliseconds(), default);
            time.Advance(DeliveredEventPruner.Retention - TimeSpan.FromHours(2));
            await store.RecordDeliveredAsync("braze", ["recent"], time.GetUtcNow().ToUnixTimeMilliseconds(), default);
            var pruner = new DeliveredEventPruner(store, time, NullLogger<DeliveredEventPruner>.Instance);
            await pruner.StartAsync(default);

            // The worker starts its hourly timer on its own thread: move the clock an hour at a time until it has pruned.
            for (var attempt = 0; attempt < 100 && await store.WasDeliveredAsync("braze", "old", default); attempt++)
            {
                time.Advance(TimeSpan.FromHours(1));
                await Task.Delay(20);
            }

            await pruner.StopAsync(default);
            Assert.False(await store.WasDeliveredAsync("braze", "old", default));
            Assert.True(await store.WasDeliveredAsync("braze", "recent", default));
        }

        Directory.Delete(directory, recursive: true);
    }
}
