using System.Threading.Channels;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// The in-memory, bounded queue of Currents batches waiting for delivery, in creation order, with the delivery
/// counters. One sender takes leases from the head; producers (campaign sends) append whole sends or nothing.
/// </summary>
internal sealed class CurrentsOutbox(CurrentsSettings settings)
{
    private readonly Lock _gate = new();
    private readonly Queue<QueuedBatch> _queue = new();
    private readonly Queue<CampaignSend> _campaigns = new();

    // Capacity 1 and drop-on-full: ringing twice before the sender looks is the same as ringing once, and a ring is
    // never lost because the sender checks the queue after every wake-up.
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _nextSequence;
    private int _generation;
    private long _delivered;
    private long _dropped;
    private long _attemptsFailed;
    private DeliveryError? _lastError;

    public int Capacity => settings.QueueCapacity;

    /// <summary>Appends a whole send, or nothing when it would overflow the queue (returns false).</summary>
    public bool TryEnqueue(IReadOnlyList<(string SourceMessageId, ReadOnlyMemory<byte> Body)> batches, CampaignSend send)
    {
        lock (_gate)
        {
            if (_queue.Count + batches.Count > settings.QueueCapacity)
            {
                return false;
            }

            foreach (var (id, body) in batches)
            {
                _queue.Enqueue(new QueuedBatch(_nextSequence++, id, body));
            }

            _campaigns.Enqueue(send);
            while (_campaigns.Count > CurrentsSettings.CampaignHistory)
            {
                _campaigns.Dequeue();
            }
        }

        Ring();
        return true;
    }

    /// <summary>
    /// Up to <paramref name="max"/> batches from the head whose bodies, joined into a JSON array, take at most
    /// <paramref name="maxBytes"/> (the head batch always goes, whatever its size); empty when nothing waits.
    /// </summary>
    public DeliveryLease Peek(int max, int maxBytes)
    {
        lock (_gate)
        {
            var batches = new List<QueuedBatch>(Math.Min(max, _queue.Count));
            // The brackets of the array, then each body and the comma before it.
            long bytes = 2;
            foreach (var batch in _queue)
            {
                bytes += batch.Body.Length + (batches.Count > 0 ? 1 : 0);
                if (batches.Count == max || (batches.Count > 0 && bytes > maxBytes))
                {
                    break;
                }

                batches.Add(batch);
            }

            return new DeliveryLease(_generation, batches);
        }
    }

    /// <summary>Whether the lease's batches are still the head of the queue (no reset, not delivered or dropped since).</summary>
    public bool IsHead(DeliveryLease lease)
    {
        lock (_gate)
        {
            return IsHeadLocked(lease);
        }
    }

    /// <summary>The receiver took the lease's batches (2xx).</summary>
    public void Delivered(DeliveryLease lease)
    {
        lock (_gate)
        {
            if (Remove(lease))
            {
                _delivered += lease.Batches.Count;
            }
        }
    }

    /// <summary>The receiver refused the lease's batches for good (a 4xx other than 408 and 429): they are dropped.</summary>
    public void Dropped(DeliveryLease lease, DeliveryError error)
    {
        lock (_gate)
        {
            if (Remove(lease))
            {
                _dropped += lease.Batches.Count;
                _attemptsFailed++;
                _lastError = error;
            }
        }
    }

    /// <summary>A retryable failure: the batches stay at the head and go again after the backoff.</summary>
    public void Failed(DeliveryLease lease, DeliveryError error)
    {
        lock (_gate)
        {
            if (lease.Generation == _generation)
            {
                _attemptsFailed++;
                _lastError = error;
            }
        }
    }

    public CurrentsStatus Snapshot()
    {
        lock (_gate)
        {
            return new CurrentsStatus(_queue.Count, _delivered, _dropped, _attemptsFailed, _lastError, [.. _campaigns]);
        }
    }

    /// <summary>Forgets queued batches, counters, the last error and the send history (<c>POST /_sandbox/reset</c>).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _queue.Clear();
            _campaigns.Clear();
            _delivered = 0;
            _dropped = 0;
            _attemptsFailed = 0;
            _lastError = null;
            _generation++;
        }
    }

    /// <summary>Wakes the sender: new batches, or a new connector.</summary>
    public void Ring() => _doorbell.Writer.TryWrite(true);

    /// <summary>Completes at the next <see cref="Ring"/> (at once if one happened since the last wait).</summary>
    public async Task WaitForRingAsync(CancellationToken cancellationToken) =>
        await _doorbell.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    private bool Remove(DeliveryLease lease)
    {
        if (!IsHeadLocked(lease))
        {
            return false;
        }

        for (var i = 0; i < lease.Batches.Count; i++)
        {
            _queue.Dequeue();
        }

        return true;
    }

    private bool IsHeadLocked(DeliveryLease lease) =>
        // Only the sender removes, and only from the head, so a lease of the current generation is still the head.
        lease.Generation == _generation && lease.Batches.Count > 0
        && _queue.TryPeek(out var head) && head.Sequence == lease.Batches[0].Sequence;
}
