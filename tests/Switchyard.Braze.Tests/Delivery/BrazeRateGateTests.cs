using Switchyard.Core.Delivery.Engine;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Braze.Delivery;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Delivery;

public sealed class BrazeRateGateTests
{
    // A window boundary: 2026-11-29T00:00:00Z is a multiple of 3 s since the epoch.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    private RateGate Gate(int limit = 3) => new(limit, TimeSpan.FromSeconds(3), _time);

    [Fact]
    public void The_limit_is_granted_within_a_window_and_the_next_request_waits_for_the_window_end()
    {
        var gate = Gate();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(gate.TryAcquire(out _));
        Assert.True(gate.TryAcquire(out _));
        Assert.True(gate.TryAcquire(out var none));
        Assert.Equal(TimeSpan.Zero, none);
        Assert.False(gate.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(2), wait);
    }

    [Fact]
    public void A_new_window_starts_a_fresh_budget()
    {
        var gate = Gate(limit: 2);
        Assert.True(gate.TryAcquire(out _));
        Assert.True(gate.TryAcquire(out _));
        Assert.False(gate.TryAcquire(out _));

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(gate.TryAcquire(out _));
        Assert.True(gate.TryAcquire(out _));
        Assert.False(gate.TryAcquire(out _));
    }

    [Fact]
    public async Task After_a_pause_nothing_is_granted_before_the_advertised_reset_even_with_budget_left()
    {
        var gate = Gate(limit: 100);
        var reset = _time.GetUtcNow().AddSeconds(10);
        await gate.PauseUntilAsync(reset, CancellationToken.None);

        Assert.False(gate.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
        Assert.Equal(reset, gate.PausedUntil);

        _time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.False(gate.TryAcquire(out _));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(gate.TryAcquire(out _));
        Assert.Null(gate.PausedUntil);
    }

    [Fact]
    public async Task An_earlier_reset_does_not_shorten_a_pause()
    {
        var gate = Gate();
        await gate.PauseUntilAsync(_time.GetUtcNow().AddSeconds(10), CancellationToken.None);
        await gate.PauseUntilAsync(_time.GetUtcNow().AddSeconds(2), CancellationToken.None);

        Assert.False(gate.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
    }

    [Fact]
    public async Task WaitAsync_completes_only_when_the_fake_clock_reaches_the_next_window()
    {
        var gate = Gate(limit: 1);
        await gate.WaitAsync(CancellationToken.None);

        var waiting = gate.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(gate.TryAcquire(out _));
    }

    [Fact]
    public async Task WaitAsync_waits_out_a_pause_and_can_be_cancelled()
    {
        var gate = Gate();
        await gate.PauseUntilAsync(_time.GetUtcNow().AddSeconds(30), CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.WaitAsync(cancel.Token).AsTask();
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Connections_with_the_same_key_share_one_gate_at_the_lowest_configured_limit()
    {
        var gates = new BrazeRateGates(_time);
        var a = gates.For(Parsed("""{"restApiKey":"key-a","rateLimit":3000}"""));
        var a2 = gates.For(Parsed("""{"restApiKey":"key-a","rateLimit":2}"""));
        var b = gates.For(Parsed("""{"restApiKey":"key-b"}"""));

        Assert.Same(a, a2);
        Assert.NotSame(a, b);
        Assert.Equal(2, a.Limit);
        Assert.Equal(3000, b.Limit);
        Assert.Equal(TimeSpan.FromSeconds(3), a.Window);
        Assert.True(a.TryAcquire(out _));
        Assert.True(a2.TryAcquire(out _));
        Assert.False(a.TryAcquire(out _));
        Assert.True(b.TryAcquire(out _));
    }
}
