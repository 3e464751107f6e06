using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Storage;

namespace Switchyard.Braze.Engine;

public sealed partial class BrazeDelivery
{
    /// <summary>At most this many sequences are read per range read, so a sparse claim never loads a huge span.</summary>
    private const int MaxRangeRead = 1000;

    /// <summary>
    /// Reads the stored batches of the claimed items with a few range reads instead of one read per item: claims come
    /// in id order, so their sequences mostly rise and lie close together. A run of wanted sequences is read as one
    /// range while it is at least half dense; batches no item wants are dropped. A missing sequence is simply absent.
    /// </summary>
    private async Task<Dictionary<long, StoredBatch>> ReadBatchesAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var wanted = new SortedSet<long>();
        foreach (var item in items)
        {
            if (item.Batch is null && BrazeOutboxPayload.TryRead(item.Payload, out var payload) && !payload.Refresh)
            {
                wanted.Add(payload.Sequence);
            }
        }

        var sequences = wanted.ToArray();
        var batches = new Dictionary<long, StoredBatch>(sequences.Length);
        var i = 0;
        while (i < sequences.Length)
        {
            var first = sequences[i];
            var j = i;
            while (j + 1 < sequences.Length
                && sequences[j + 1] - first < MaxRangeRead
                && sequences[j + 1] - first + 1 <= (2 * (j + 2 - i)) + 16)
            {
                j++;
            }

            var span = (int)(sequences[j] - first + 1);
            var stored = await _inbox.ReadAsync(first - 1, span, cancellationToken).ConfigureAwait(false);
            foreach (var batch in stored)
            {
                if (batch.Sequence <= sequences[j] && wanted.Contains(batch.Sequence))
                {
                    batches[batch.Sequence] = batch;
                }
            }

            i = j + 1;
        }

        return batches;
    }
}
