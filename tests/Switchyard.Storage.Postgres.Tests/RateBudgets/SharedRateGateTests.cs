using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Storage.Postgres.RateBudgets;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.RateBudgets;

/// <summary>
/// Rate gates of several nodes (each with a store of its own, as each process has its pool) on one database and one key,
/// on one fake clock: the nodes' clocks agree and windows change only when the test says.
/// </summary>
public sealed class SharedRateGateTests : IAsyncLifetime
{
    private const int Nodes = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    // One second into a window: 2026-11-29T00:00:00Z is a multiple of 3 s since the epoch.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 1, TimeSpan.Zero));
    private readonly string _keyId = RateGates.KeyId("braze:the-rest-key");
    private readonly List<PostgresRateBudgetStore> _stores = [];
    private TemporaryDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TemporaryDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Three_nodes_hammering_one_key_never_get_more_than_the_limit_in_any_window()
    {
        const int limit = 600;
        var gates = new List<RateGate>();
        for (var node = 0; node < Nodes; node++)
        {
            gates.Add(new RateGate(limit, Window, _time, await OpenStoreAsync(), _keyId, NullLogger.Instance));
        }

        var granted = new int[Nodes];
        using var stop = new CancellationTokenSource();
        var workers = gates.SelectMany((gate, node) => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                await gate.WaitAsync(stop.Token);
                Interlocked.Increment(ref granted[node]);
            }
        }))).ToArray();

        for (var window = 1; window <= 3; window++)
        {
            await Eventually.HoldsAsync(() => Task.FromResult(granted.Sum() >= limit * window), TimeSpan.FromSeconds(60), $"{limit} requests granted in window {window}");

            // Every gate is spent: no node holds a permit, and the database handed out exactly the limit.
            Assert.All(gates, gate => Assert.False(gate.TryAcquire(out _)));
            Assert.Equal(limit, await UsedAsync(_time.GetUtcNow()));
            Assert.Equal(limit * window, granted.Sum());
            if (window < 3)
            {
                _time.Advance(Window);
            }
        }

        Assert.All(granted, g => Assert.True(g > 0, "every node got a share"));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(workers));
        Assert.Equal(limit * 3, granted.Sum());
    }

    [Fact]
    public async Task A_429_met_by_one_node_pauses_the_others_at_their_next_slice()
    {
        var first = new RateGate(3000, Window, _time, await OpenStoreAsync(), _keyId, NullLogger.Instance);
        var second = new RateGate(3000, Window, _time, await OpenStoreAsync(), _keyId, NullLogger.Instance);
        var third = new RateGate(3000, Window, _time, await OpenStoreAsync(), _keyId, NullLogger.Instance);
        var until = _time.GetUtcNow().AddSeconds(10);

        await first.PauseUntilAsync(until, CancellationToken.None);
        var waiting = new[] { second.WaitAsync(CancellationToken.None).AsTask(), third.WaitAsync(CancellationToken.None).AsTask() };

        await Eventually.HoldsAsync(() => Task.FromResult(second.PausedUntil == until && third.PausedUntil == until), TimeSpan.FromSeconds(30), "the other nodes learn the pause");
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        _time.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(second.PausedUntil);
    }

    [Fact]
    public async Task A_node_whose_database_is_gone_grants_nothing_new_and_says_so_without_failing_its_callers()
    {
        var logger = new FakeLogger();
        var gate = new RateGate(3000, Window, _time, await OpenStoreAsync(), _keyId, logger);
        await gate.WaitAsync(CancellationToken.None); // a slice of 60 in hand
        for (var i = 1; i < gate.SliceSize; i++)
        {
            Assert.True(gate.TryAcquire(out _));
        }

        await using (var admin = new NpgsqlConnection(TemporaryDatabase.Server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE {_database.Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        using var cancel = new CancellationTokenSource();
        var waiting = gate.WaitAsync(cancel.Token).AsTask();
        await Eventually.HoldsAsync(() => Task.FromResult(logger.Collector.GetSnapshot().Any(r => r.Id.Id == 2101)), TimeSpan.FromSeconds(30), "the failing store is logged");

        Assert.False(waiting.IsCompleted);
        Assert.False(gate.TryAcquire(out var wait));
        Assert.True(wait > TimeSpan.Zero);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Windows_and_pauses_that_ended_more_than_a_minute_ago_are_deleted()
    {
        var store = await OpenStoreAsync();
        var start = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        await store.TakeAsync(new RateBudgetTake(_keyId, start, Window, 1, 10, start), CancellationToken.None);
        await store.PauseAsync(_keyId, start.AddSeconds(2), CancellationToken.None);
        var later = start.AddSeconds(50);
        await store.TakeAsync(new RateBudgetTake(_keyId, later.AddSeconds(-2), Window, 1, 10, later), CancellationToken.None);
        Assert.Equal((2, 1), await RowsAsync());

        var afterAMinute = start.AddSeconds(3 + 61);
        await store.TakeAsync(new RateBudgetTake(_keyId, afterAMinute.AddSeconds(-1), Window, 1, 10, afterAMinute), CancellationToken.None);

        Assert.Equal((2, 0), await RowsAsync()); // the windows at 48 s and 63 s stay
    }

    private async Task<PostgresRateBudgetStore> OpenStoreAsync()
    {
        var store = await PostgresRateBudgetStore.OpenAsync(_database.Options);
        _stores.Add(store);
        return store;
    }

    private async Task<(long Windows, long Pauses)> RowsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT (SELECT count(*) FROM rate_budget), (SELECT count(*) FROM rate_pause)", connection);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<int> UsedAsync(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % Window.Ticks, TimeSpan.Zero);
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT used FROM rate_budget WHERE key_id = @key AND window_start = @start", connection);
        read.Parameters.AddWithValue("key", _keyId);
        read.Parameters.AddWithValue("start", start);
        return (int)(await read.ExecuteScalarAsync())!;
    }
}
