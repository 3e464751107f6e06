using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Inbox;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

/// <summary>
/// Cross-node wake-ups: an inbox store (one node) notifies after its flushes, debounced; a listener on another data
/// source (another node) hears it, reconnects when its connection is killed, and wakes once after reconnecting.
/// </summary>
public sealed class PostgresInboxWakeupTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private InboxTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await InboxTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task An_append_through_one_store_wakes_a_listener_of_another_node()
    {
        var store = await _db.OpenStoreAsync();
        await using var listener = RunningListener.Start(_db.Database.Options);
        await listener.WakesAtLeastAsync(1, "the wake-up raised once LISTEN is in place");

        await store.AppendAsync([InboxTestDatabase.Record("wake-1")], default);

        await listener.WakesAtLeastAsync(2, "a wake-up for the append on the other node");
        await Eventually.HoldsAsync(() => Task.FromResult(store.NotificationsSent == 1), Patience, "the store counts the notification it sent");
    }

    [Fact]
    public async Task A_burst_of_flushes_is_told_with_one_notification_and_one_more_when_the_interval_ends()
    {
        var store = await _db.OpenStoreAsync();
        await using var listener = RunningListener.Start(_db.Database.Options);
        await listener.WakesAtLeastAsync(1, "the wake-up raised once LISTEN is in place");
        var commitsBefore = store.CommitCount;

        // One after another, so each append is a flush of its own; the store's clock stands still meanwhile.
        for (var i = 0; i < 40; i++)
        {
            await store.AppendAsync([InboxTestDatabase.Record($"burst-{i}")], default);
        }

        Assert.Equal(40, store.CommitCount - commitsBefore);
        await Eventually.HoldsAsync(() => Task.FromResult(store.NotificationsSent == 1), Patience, "the first flush is told at once");

        // The other 39 flushes fold into one notification when the interval has passed on the store's clock.
        await Eventually.HoldsAsync(
            () =>
            {
                _db.Time.Advance(InboxNotifier.Interval);
                return Task.FromResult(store.NotificationsSent >= 2);
            },
            Patience,
            "one more notification once the interval has passed");
        _db.Time.Advance(InboxNotifier.Interval * 10);
        Assert.Equal(2, store.NotificationsSent);

        // Notifications reach a listener in commit order, so once this one is heard every earlier one has been too.
        await _db.ScalarAsync<object>($"SELECT pg_notify('{InboxNotifier.Channel}', 'end')");
        await listener.WakesAtLeastAsync(4, "the closing notification");
        Assert.Equal(4, listener.Wakes);
    }

    [Fact]
    public async Task A_listener_whose_connection_is_killed_reconnects_wakes_once_for_it_and_hears_later_appends()
    {
        await using var listener = RunningListener.Start(_db.Database.Options);
        await listener.WakesAtLeastAsync(1, "the wake-up raised once LISTEN is in place");
        Assert.Equal(1, listener.Listener.Connections);

        var killed = await _db.ScalarAsync<long>(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{PostgresInboxListener.ApplicationName}'");
        Assert.Equal(1, killed);

        // Nothing was appended: this wake-up stands for whatever the listener may have missed while it was gone.
        await listener.WakesAtLeastAsync(2, "a wake-up once the listener listens again");
        Assert.Equal(2, listener.Listener.Connections);

        var store = await _db.OpenStoreAsync();
        await store.AppendAsync([InboxTestDatabase.Record("after-reconnect")], default);
        await listener.WakesAtLeastAsync(3, "a wake-up for an append made after the reconnect");
    }

    [Fact]
    public async Task A_notification_that_fails_is_logged_once_and_the_appends_are_still_acknowledged()
    {
        // A role that may write the inbox but not notify: every notification the store sends fails.
        var role = "switchyard_mute_" + Guid.NewGuid().ToString("N")[..12];
        await _db.ScalarAsync<object>($"CREATE ROLE {role} LOGIN; GRANT ALL ON SCHEMA public TO {role}; REVOKE EXECUTE ON FUNCTION pg_notify(text, text) FROM PUBLIC; SELECT 1");
        try
        {
            var options = _db.Database.Options with { ConnectionString = new NpgsqlConnectionStringBuilder(_db.Database.ConnectionString) { Username = role }.ConnectionString };
            await using var store = await PostgresInboxStore.OpenAsync(options, TimeProvider.System);
            using var logs = new FakeLoggerProvider();
            using var loggers = new LoggerFactory([logs]);
            store.LogTo(loggers);

            for (var i = 0; i < 3; i++)
            {
                var appended = await store.AppendAsync([InboxTestDatabase.Record($"mute-{i}")], default);
                Assert.NotNull(appended.Sequences[0]);
                await Eventually.HoldsAsync(() => Task.FromResult(logs.Collector.Count > i), Patience, $"notification {i + 1} fails");
            }

            Assert.Equal(0, store.NotificationsSent);
            var warning = Assert.Single(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
            Assert.Equal(1611, warning.Id.Id);
            Assert.All(logs.Collector.GetSnapshot().Where(r => r != warning), r => Assert.Equal(LogLevel.Debug, r.Level));
        }
        finally
        {
            await _db.ScalarAsync<object>($"DROP OWNED BY {role}; DROP ROLE {role}; SELECT 1");
        }
    }

    [Fact]
    public async Task With_notifications_off_the_inbox_sends_none_and_no_listener_is_registered()
    {
        var services = new ServiceCollection();
        await using var storage = await services.AddSwitchyardPostgresAsync(
            _db.Database.Options with { Notifications = false, ProcessingNode = true }, new FakeTimeProvider(), default);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IInboxWakeups));

        await using var connection = await _db.ConnectAsync();
        var heard = new List<string>();
        connection.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {InboxNotifier.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await storage.Inbox.AppendAsync([InboxTestDatabase.Record("quiet")], default);
        await _db.ScalarAsync<object>($"SELECT pg_notify('{InboxNotifier.Channel}', 'end')");
        while (!heard.Contains("end"))
        {
            using var timeout = new CancellationTokenSource(Patience);
            await connection.WaitAsync(timeout.Token);
        }

        Assert.Equal(["end"], heard);
        Assert.Equal(0, ((PostgresInboxStore)storage.Inbox).NotificationsSent);
        Assert.Equal(0, await _db.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{PostgresInboxListener.ApplicationName}'"));
    }

    [Fact]
    public async Task With_notifications_on_a_listener_is_registered_for_the_host_to_run()
    {
        var services = new ServiceCollection();
        await using var storage = await services.AddSwitchyardPostgresAsync(_db.Database.Options with { ProcessingNode = true }, new FakeTimeProvider(), default);

        Assert.Contains(services, d => d.ServiceType == typeof(IInboxWakeups));
    }

    [Fact]
    public void The_pause_before_reconnecting_doubles_up_to_its_cap()
    {
        Assert.Equal(PostgresInboxListener.FirstRetryDelay, PostgresInboxListener.RetryDelay(0));
        Assert.Equal(PostgresInboxListener.FirstRetryDelay * 2, PostgresInboxListener.RetryDelay(1));
        Assert.Equal(PostgresInboxListener.MaxRetryDelay, PostgresInboxListener.RetryDelay(10));
        Assert.Equal(PostgresInboxListener.MaxRetryDelay, PostgresInboxListener.RetryDelay(int.MaxValue));
    }

    /// <summary>A listener running on a connection of its own, as a processing node runs it, counting its wake-ups.</summary>
    private sealed class RunningListener : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _listening;
        private int _wakes;

        private RunningListener(PostgresStorageOptions options)
        {
            Listener = new PostgresInboxListener(options, TimeProvider.System);
            _listening = Listener.ListenAsync(() => Interlocked.Increment(ref _wakes), _stop.Token);
        }

        public PostgresInboxListener Listener { get; }

        public int Wakes => Volatile.Read(ref _wakes);

        public static RunningListener Start(PostgresStorageOptions options) => new(options);

        public Task WakesAtLeastAsync(int count, string what) =>
            Eventually.HoldsAsync(() => Task.FromResult(Wakes >= count), Patience, what);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _listening;
            _stop.Dispose();
        }
    }
}
