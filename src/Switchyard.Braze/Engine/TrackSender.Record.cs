using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Engine;

internal sealed partial class TrackSender
{
    /// <summary>
    /// What <paramref name="request"/> delivered by Braze's answer: for each part it carried that was delivered (and not
    /// failed in an earlier request of the pass), its attributes object's fields and the ids of the events and purchases
    /// it held. A delivered attributes object counts even if another part of the same items fails elsewhere.
    /// </summary>
    private AcknowledgedLedger Acknowledged(BrazeTrackRequest request, BrazeSendResult result, IReadOnlyList<DeliveryPart> parts, PartProgress[] progress)
    {
        var attributes = CountByPart(request, BrazeTrackArray.Attributes, request.AttributeCount);
        var events = CountByPart(request, BrazeTrackArray.Events, request.EventCount);
        var purchases = CountByPart(request, BrazeTrackArray.Purchases, request.PurchaseCount);
        var fields = new Dictionary<long, IReadOnlyDictionary<string, string?>>();
        var ids = new List<string>();
        foreach (var itemId in request.ItemIds.Distinct())
        {
            var index = (int)itemId;
            var part = parts[index];
            ref var sofar = ref progress[index];
            var inEvents = events.GetValueOrDefault(index);
            var inPurchases = purchases.GetValueOrDefault(index);
            if (result.OutcomeOf(itemId) is Delivered && !sofar.Failed)
            {
                ids.AddRange(part.EventIds.Skip(sofar.Events).Take(inEvents));
                ids.AddRange(part.PurchaseIds.Skip(sofar.Purchases).Take(inPurchases));
                if (attributes.ContainsKey(index) && part.Fields.Count > 0)
                {
                    // One attributes part per user per pass (the planners build it so), so a user's fields appear once.
                    fields[part.Mpid] = part.Fields;
                    Metrics.AttributeFieldsSent.Add(part.Fields.Count, Tag);
                }
            }
            else
            {
                sofar.Failed = true;
            }

            sofar.Events += inEvents;
            sofar.Purchases += inPurchases;
        }

        return new AcknowledgedLedger(fields, ids, Time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private static Dictionary<int, int> CountByPart(BrazeTrackRequest request, BrazeTrackArray array, int length)
    {
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < length; i++)
        {
            if (request.TryGetItemId(array, i, out var id))
            {
                counts[(int)id] = counts.GetValueOrDefault((int)id) + 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// Records one request's acknowledgement at once, before anything else is sent (IDeliveryStore remarks: ledgers
    /// before acknowledgement). When the store fails, the acknowledgement is kept in memory for
    /// <see cref="RecordUnrecordedAsync"/> and false is returned: the output stops sending until it is recorded.
    /// Takes no cancellation token: what Braze acknowledged is recorded even while the host stops.
    /// </summary>
    private async Task<bool> RecordAcknowledgedAsync(AcknowledgedLedger acknowledged, DeliveryPass pass)
    {
        if (acknowledged.IsEmpty)
        {
            return true;
        }

        lock (_unrecorded)
        {
            _unrecorded.Add(acknowledged);
        }

        return await RecordUnrecordedAsync(pass, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Records what is held in memory, oldest first; false (and a backoff) when the store still fails. One caller
    /// records at a time (<see cref="_recording"/>), so an acknowledgement is written once and removed once even when
    /// several requests of the output answer together.
    /// </summary>
    public async ValueTask<bool> RecordUnrecordedAsync(DeliveryPass pass, CancellationToken cancellationToken)
    {
        await _recording.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                AcknowledgedLedger next;
                lock (_unrecorded)
                {
                    if (_unrecorded.Count == 0)
                    {
                        return true;
                    }

                    next = _unrecorded[0];
                }

                try
                {
                    await Store.RecordLedgersAsync(OutputId, next.Fields, next.EventIds, next.AtMs, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    pass.StoreFailed(e);
                    return false;
                }

                lock (_unrecorded)
                {
                    _unrecorded.RemoveAt(0);
                }
            }
        }
        finally
        {
            _recording.Release();
        }
    }
}
