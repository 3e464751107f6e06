using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;

namespace Switchyard.Braze.Engine;

public sealed partial class BrazeDelivery
{
    /// <summary>
    /// Packs the parts under the batch rule and sends the requests in order through the key's rate gate. After a
    /// request that must be retried (429, 5xx, timeout) the rest are not sent this pass: Braze is unwell or limiting,
    /// and a user's later part must not overtake the failed one. Returns the outcome of each part that was sent.
    /// </summary>
    private async Task<Dictionary<int, BrazeDeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryPart> parts, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<int, BrazeDeliveryOutcome>();
        if (parts.Count == 0)
        {
            return outcomes;
        }

        var requests = BrazeRequestPacker.Pack(parts.Select((p, i) => ((long)i, p.Update)).ToArray(), _settings.BatchRule);
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
            if (result.Outcomes.Any(o => o.Outcome is Retryable))
            {
                break;
            }
        }

        foreach (var (partIndex, outcome) in BrazeOutcomes.PerItem(results))
        {
            outcomes[(int)partIndex] = outcome;
        }

        return outcomes;
    }

    /// <summary>
    /// Records what the output acknowledged, before any item is acknowledged (IDeliveryStore remarks): a delivered
    /// attributes object updates the last-sent ledger even if one of its items fails in another part.
    /// </summary>
    private void RecordLedgers(IReadOnlyList<DeliveryPart> parts, Dictionary<int, BrazeDeliveryOutcome> outcomes)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < parts.Count; i++)
        {
            if (!outcomes.TryGetValue(i, out var outcome) || outcome is not Delivered)
            {
                continue;
            }

            var part = parts[i];
            if (part.Fields.Count > 0)
            {
                _store.RecordSent(_outputId, part.Mpid, part.Fields);
                _metrics.AttributeFieldsSent.Add(part.Fields.Count, _tag);
            }

            if (part.EventIds.Count > 0)
            {
                _store.RecordDelivered(_outputId, part.EventIds, nowMs);
            }
        }
    }
}
