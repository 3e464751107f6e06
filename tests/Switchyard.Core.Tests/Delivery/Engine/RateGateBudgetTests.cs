using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Core.Tests.Delivery.Engine;

public sealed class RateGateBudgetTests
{
    // A window boundary: 2026-11-29T00:00:00Z is a multiple of 3 s since the epoch.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    private readonly ScriptedRateBudgetStore _store = new();
    private readonly FakeLogger _logger = new();

    private RateGate Gate(int limit) => new(limit, TimeSpan.FromSeconds(3), _time, _store, "key-id", _logger);

    [Fact]
    public void A_gate_takes_slices_of_two_percent_of_the_limit_and_grants_exactly_the_limit_per_window()
    {
        var gate = Gate(3000);
        Assert.Equal(60, gate.SliceSize);

        var granted = 0;
        while (gate.TryAcquire(out _))
        {
            granted++;
        }

        Assert.Equal(3000, granted);
        Assert.Equal(51, _store.Takes); // 50 slices of 60, then one that comes back empty
        Assert.False(gate.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(3), wait);
        Assert.Equal(51, _store.Takes);
    }

    [Fact]
    public void A_small_limit_is_taken_one_permit_at_a_time()
    {
        var gate = Gate(5);

        Assert.Equal(1, gate.SliceSize);
        Assert.Equal(5, Enumerable.Range(0, 8).Count(i => gate.TryAcquire(out _)));
    }

    [Fact]
    public async Task Requests_waiting_together_share_one_round_trip_to_the_store()
    {
        var gate = Gate(3000);
        _store.Hold();

        var waiting = Enumerable.Range(0, 20).Select(_ => gate.WaitAsync(CancellationToken.None).AsTask()).ToArray();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        Assert.Equal(1, _store.Takes);
        Assert.False(gate.TryAcquire(out var hint));
        Assert.True(hint > TimeSpan.Zero);

        _store.Release();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _store.Takes);
    }

    [Fact]
    public async Task While_the_store_fails_nothing_more_is_granted_it_is_logged_once_and_retried_with_backoff_until_it_answers()
    {
        var gate = Gate(100);
        Assert.True(gate.TryAcquire(out _)); // holds the rest of a slice of 2
        _store.Failing = true;

        Assert.True(gate.TryAcquire(out _));
        Assert.False(gate.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(100), wait);
        Assert.Equal(2, _store.Takes);
        var warning = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(2101, warning.Id.Id);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(gate.TryAcquire(out wait));
        Assert.Equal(TimeSpan.FromMilliseconds(200), wait);
        Assert.Equal(3, _store.Takes);

        var waiting = gate.WaitAsync(CancellationToken.None).AsTask();
        _store.Failing = false;
        _time.Advance(TimeSpan.FromMilliseconds(200));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 2103);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 2101);
        Assert.True(gate.TryAcquire(out _));
    }

    [Fact]
    public async Task A_pause_the_store_cannot_record_still_holds_on_this_node_and_is_logged()
    {
        var gate = Gate(100);
        _store.Failing = true;
        var until = _time.GetUtcNow().AddSeconds(10);

        await gate.PauseUntilAsync(until, CancellationToken.None);

        Assert.Equal(until, gate.PausedUntil);
        Assert.False(gate.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
        Assert.Equal(2104, Assert.Single(_logger.Collector.GetSnapshot()).Id.Id);
    }

    [Fact]
    public async Task A_pause_recorded_by_another_node_stops_this_gate_at_its_next_slice()
    {
        var gate = Gate(100);
        var other = Gate(100);
        Assert.True(gate.TryAcquire(out _)); // a slice of 2: one left in hand
        var until = _time.GetUtcNow().AddSeconds(10);

        await other.PauseUntilAsync(until, CancellationToken.None);

        Assert.True(gate.TryAcquire(out _)); // the permit already in hand
        Assert.False(gate.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
        Assert.Equal(until, gate.PausedUntil);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(gate.TryAcquire(out _));
    }

    [Fact]
    public async Task A_slice_that_arrives_after_its_window_ended_is_dropped_and_the_new_window_is_asked_for()
    {
        var gate = Gate(100);
        _store.Hold();
        var waiting = gate.WaitAsync(CancellationToken.None).AsTask();
        Assert.Equal(1, _store.Takes);

        _time.Advance(TimeSpan.FromSeconds(3));
        _store.Release();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, _store.Takes); // the late slice was not handed out: the waiter's permit came from a second take
        Assert.True(gate.TryAcquire(out _)); // the rest of the new window's slice of 2
        Assert.Equal(2, _store.Takes);
        Assert.True(gate.TryAcquire(out _));
        Assert.Equal(3, _store.Takes);
    }
}
