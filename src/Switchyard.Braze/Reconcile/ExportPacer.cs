namespace Switchyard.Braze.Reconcile;

/// <summary>
/// Spaces export requests of one REST key evenly, at most <c>requestsPerMinute</c>, across every job and sampler using
/// that key, so reconciling stays inside Braze's <c>/users/export/ids</c> limit (250 requests a minute by default,
/// https://www.braze.com/docs/api/api_limits/) and leaves the rest to other tools. A 429 pushes the next turn past the
/// advertised reset.
/// </summary>
public sealed class ExportPacer(int requestsPerMinute, TimeProvider time)
{
    private readonly TimeSpan _interval = TimeSpan.FromMinutes(1) / Math.Max(1, requestsPerMinute);
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Waits for this caller's turn.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset turn;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            turn = _next > now ? _next : now;
            _next = turn + _interval;
        }

        var wait = turn - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No turn before <paramref name="until"/> (Braze's reset after a 429).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _next)
            {
                _next = until;
            }
        }
    }
}
