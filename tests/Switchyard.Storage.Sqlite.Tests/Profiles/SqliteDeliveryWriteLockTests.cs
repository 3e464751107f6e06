using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>
/// SQLite allows one writer at a time, but a profile session holds no lock while it works: it writes only inside its
/// commit. So a delivery write made while a session is open completes at once, and the session's commit keeps it.
/// The compliance suite asserts only the outcome; this is how the SQLite provider gets there.
/// </summary>
public sealed class SqliteDeliveryWriteLockTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new("delivery-lock");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_delivery_write_does_not_wait_for_an_open_session_and_both_are_kept()
    {
        await using var store = await SqliteProfileStore.OpenAsync(_data.Options, _time);
        IDeliveryStore delivery = store;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var setup = await store.BeginSessionAsync(default))
        {
            setup.Enqueue(new OutboxEntry("braze", 1, "{}", now));
            await setup.CommitAsync(default);
        }

        var item = Assert.Single(await delivery.ClaimDueAsync("braze", now, 10, default));
        using (var session = await store.BeginSessionAsync(default))
        {
            session.Enqueue(new OutboxEntry("braze", 2, "{}", now));
            await Task.Run(() => delivery.AcknowledgeAsync([item.Id], default)).WaitAsync(TimeSpan.FromSeconds(5));
            await session.CommitAsync(default);
        }

        Assert.Equal(["{}"], (await delivery.ClaimDueAsync("braze", now, 10, default)).Select(i => i.Payload));
        Assert.Equal(1, await delivery.CountQueuedAsync("braze", default));
    }
}
