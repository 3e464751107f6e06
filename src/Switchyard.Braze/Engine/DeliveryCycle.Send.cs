using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;

namespace Switchyard.Braze.Engine;

internal sealed partial class DeliveryCycle
{
    /// <summary>
    /// Packs the parts under the batch rule and sends the requests in order through the key's rate gate. After a
    /// request that must be retried (429, 5xx, timeout) the rest are not sent this pass: Braze is unwell or limiting,
    /// and a user's later part must not overtake the failed one. Returns the outcome of each part that was sent.
    /// </summary>
    private async Task<(Dictionary<int, BrazeDeliveryOutcome> Outcomes, List<(BrazeTrackRequest Request, BrazeSendResult Result)> Sent)> SendAsync(
        IReadOnlyList<DeliveryPart> parts, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<int, BrazeDeliveryOutcome>();
        var sent = new List<(BrazeTrackRequest, BrazeSendResult)>();
        if (parts.Count == 0)
        {
            return (outcomes, sent);
        }

        var requests = BrazeRequestPacker.Pack(parts.Select((p, i) => ((long)i, p.Update)).ToArray(), _connection.BatchRule);
        var results = new List<BrazeSendResult>(requests.Count);
        foreach (var request in requests)
        {
            BrazeSendResult result;
            try
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                result = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: record and acknowledge what Braze already answered, so it is not sent again; the
                // request in flight and the rest stay queued untouched (at-least-once, the ledgers absorb a repeat).
                break;
            }

            _metrics.RequestsSent.Add(1, _tag);
            _metrics.ObjectsPerRequest.Record(request.ObjectCount, _tag);
            if (result.PauseUntil is { } until)
            {
                _gate.PauseUntil(until);
            }

            results.Add(result);
            sent.Add((request, result));
            if (result.Outcomes.Any(o => o.Outcome is Retryable))
            {
                break;
            }
        }

        foreach (var (partIndex, outcome) in BrazeOutcomes.PerItem(results))
        {
            outcomes[(int)partIndex] = outcome;
        }

        return (outcomes, sent);
    }

    /// <summary>
    /// Records what the output acknowledged, before any item is acknowledged (IDeliveryStore remarks): a delivered
    /// attributes object updates the last-sent ledger even if one of its items fails in another part. Of a part split
    /// across requests (more objects than one request holds), the events and purchases of the requests that were
    /// delivered are recorded too, so its retry sends only the rest.
    /// </summary>
    private void RecordLedgers(
        IReadOnlyList<DeliveryPart> parts, Dictionary<int, BrazeDeliveryOutcome> outcomes, List<(BrazeTrackRequest Request, BrazeSendResult Result)> sent)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var deliveredIds = new List<string>();
        var sentFields = new Dictionary<long, IReadOnlyDictionary<string, string?>>();
        for (var i = 0; i < parts.Count; i++)
        {
            if (!outcomes.TryGetValue(i, out var outcome))
            {
                continue;
            }

            var part = parts[i];
            if (outcome is Delivered && part.Fields.Count > 0)
            {
                // One attributes part per user per pass (BuildParts), so a user's fields appear once here.
                sentFields[part.Mpid] = part.Fields;
                _metrics.AttributeFieldsSent.Add(part.Fields.Count, _tag);
            }

            var ids = outcome is Delivered ? [.. part.EventIds, .. part.PurchaseIds] : DeliveredPrefix(i, part, sent);
            deliveredIds.AddRange(ids);
        }

        // One transaction for the pass's ledgers instead of one per part; still before any acknowledgement.
        _store.RecordLedgers(_outputId, sentFields, deliveredIds, nowMs);
    }

    /// <summary>
    /// The ids of a part's events and purchases in the requests delivered before the first that was not: the packer
    /// splits a part in order (reference: BrazeRequestPacker remarks), so those are leading runs of each array.
    /// </summary>
    private static List<string> DeliveredPrefix(int partIndex, DeliveryPart part, List<(BrazeTrackRequest Request, BrazeSendResult Result)> sent)
    {
        var delivered = new List<string>();
        if (part.EventIds.Count + part.PurchaseIds.Count == 0)
        {
            return delivered;
        }

        int events = 0, purchases = 0;
        foreach (var (request, result) in sent)
        {
            var outcome = result.OutcomeOf(partIndex);
            if (outcome is null)
            {
                continue;
            }

            if (outcome is not Delivered)
            {
                break;
            }

            var inRequestEvents = Count(request, BrazeTrackArray.Events, request.EventCount, partIndex);
            var inRequestPurchases = Count(request, BrazeTrackArray.Purchases, request.PurchaseCount, partIndex);
            delivered.AddRange(part.EventIds.Skip(events).Take(inRequestEvents));
            delivered.AddRange(part.PurchaseIds.Skip(purchases).Take(inRequestPurchases));
            events += inRequestEvents;
            purchases += inRequestPurchases;
        }

        return delivered;
    }

    private static int Count(BrazeTrackRequest request, BrazeTrackArray array, int length, int partIndex)
    {
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            if (request.TryGetItemId(array, i, out var id) && id == partIndex)
            {
                count++;
            }
        }

        return count;
    }
}
