using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>
/// SQLite allows one writer: a delivery write waits while a processor session holds the write lock, then completes.
/// The compliance suite asserts only the outcome; this is how the SQLite provider gets there.
/// </summary>
public sealed class SqliteDeliveryWriteLockTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new("delivery-lock");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_delivery_write_waits_for_an_open_session_and_completes_once_it_commits()
    {
        await using var store = await SqliteProfileStore.OpenAsync(_data.Options, _time);
        IDeliveryStore delivery = store;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var setup = store.BeginSession())
        {
            setup.Enqueue(new OutboxEntry("braze", 1, "{}", now));
            setup.Commit();
        }

        var item = Assert.Single(await delivery.ClaimDueAsync("braze", now, 10, default));
        Task write;
        using (var session = store.BeginSession())
        {
            session.Enqueue(new OutboxEntry("braze", 2, "{}", now));
            write = Task.Run(() => delivery.AcknowledgeAsync([item.Id], default));
            await Task.WhenAny(write, Task.Delay(100));

            // The write cannot take the lock the session holds: it waits rather than fail or slip in.
            Assert.False(write.IsCompleted);
            session.Commit();
        }

        await write.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["{}"], (await delivery.ClaimDueAsync("braze", now, 10, default)).Select(i => i.Payload));
        Assert.Equal(1, await delivery.CountQueuedAsync("braze", default));
    }
}
