using Switchyard.Core.Ingest;

namespace Switchyard.Console.LiveStream;

/// <summary>
/// The live stream's source: the ingest path hands it each accepted request after the inbox commit. While no page
/// watches, <see cref="Offer"/> is one volatile read and returns, so ingest pays nothing; while one watches, the newest
/// <see cref="CapacityPerInput"/> batches of each input are kept in memory, copied out of the request's pooled buffer.
/// </summary>
internal sealed class BatchTap(TimeProvider time)
{
    public const int CapacityPerInput = 100;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedList<TappedBatch>> _recent = new(StringComparer.Ordinal);
    private int _watchers;
    private long _lastId;

    /// <summary>Raised (on the ingest thread) after batches were kept; subscribers must only schedule work.</summary>
    public event Action? Arrived;

    public bool Watched => Volatile.Read(ref _watchers) > 0;

    /// <summary>Starts keeping batches until the returned handle is disposed (a page closing).</summary>
    public IDisposable Watch()
    {
        Interlocked.Increment(ref _watchers);
        return new Watcher(this);
    }

    public void Offer(string inputId, IReadOnlyList<ParsedBatch> batches)
    {
        if (!Watched)
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_recent.TryGetValue(inputId, out var list))
            {
                list = _recent[inputId] = new LinkedList<TappedBatch>();
            }

            foreach (var batch in batches)
            {
                list.AddFirst(BatchSummary.Read(++_lastId, inputId, now, batch.Raw.Span));
                if (list.Count > CapacityPerInput)
                {
                    list.RemoveLast();
                }
            }
        }

        Arrived?.Invoke();
    }

    /// <summary>The kept batches, newest first; of one input, or of all when <paramref name="inputId"/> is null.</summary>
    public IReadOnlyList<TappedBatch> Recent(string? inputId)
    {
        lock (_lock)
        {
            if (inputId is not null)
            {
                return _recent.TryGetValue(inputId, out var list) ? [.. list] : [];
            }

            return [.. _recent.Values.SelectMany(l => l).OrderByDescending(b => b.Id)];
        }
    }

    private void Unwatch()
    {
        if (Interlocked.Decrement(ref _watchers) == 0)
        {
            // Nobody looks: what was kept is let go rather than held for a page that may never come back.
            lock (_lock)
            {
                _recent.Clear();
            }
        }
    }

    private sealed class Watcher(BatchTap tap) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                tap.Unwatch();
            }
        }
    }
}
