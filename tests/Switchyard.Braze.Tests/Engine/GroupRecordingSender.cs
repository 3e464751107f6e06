using System.Collections.Concurrent;
using System.Text.Json;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>
/// A test output type's sender: each call (one request group) counts as a request in flight and waits until
/// <c>overlap</c> calls are in flight together (or a deadline passes), then "delivers" its items in order to a list,
/// except the payloads named in <c>failOnce</c>, which are answered "try again" on their first attempt. Keeps per-user
/// order as a sender must: after a user's item that must be retried, that user's later items are not sent this pass.
/// </summary>
internal sealed class GroupRecordingSender(int overlap, IReadOnlySet<string>? failOnce = null) : IOutputSender
{
    private readonly TaskCompletionSource _together = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<(long Mpid, string Payload, int Attempts)> _delivered = new();
    private readonly ConcurrentQueue<IReadOnlyList<long>> _groups = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most calls that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>What reached the "destination", in the order it arrived.</summary>
    public IReadOnlyList<(long Mpid, string Payload, int Attempts)> Delivered => [.. _delivered];

    /// <summary>The users of each call, in call order.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Groups => [.. _groups];

    public async Task SendAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass, CancellationToken cancellationToken)
    {
        _groups.Enqueue([.. items.Select(i => i.Mpid).Distinct()]);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        if (now >= overlap)
        {
            _together.TrySetResult();
        }

        try
        {
            // Bounded: with fewer calls in flight than expected the test sees it in MaxInFlight instead of hanging.
            await Task.WhenAny(_together.Task, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
            foreach (var item in items)
            {
                if (pass.Blocked.Contains(item.Mpid))
                {
                    continue;
                }

                var payload = JsonDocument.Parse(item.Payload).RootElement.GetProperty("n").GetString()!;
                if (item.Attempts == 0 && failOnce?.Contains(payload) == true)
                {
                    pass.Blocked.Add(item.Mpid);
                    pass.RequestAnswered(new RequestReport(503, 1, "try again"));
                    pass.Complete(item, ItemOutcome.Retryable("try again"));
                    continue;
                }

                _delivered.Enqueue((item.Mpid, payload, item.Attempts));
                pass.Complete(item, ItemOutcome.Delivered);
            }

            pass.RequestAnswered(new RequestReport(202, items.Count));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
