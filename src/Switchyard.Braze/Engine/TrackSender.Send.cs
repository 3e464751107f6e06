using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Engine;

internal sealed partial class TrackSender
{
    /// <summary>
    /// Packs the parts under the batch rule and sends the requests in order through the key's rate gate, recording what
    /// each request delivered right after its answer (<see cref="RecordAcknowledgedAsync"/>). After a request that must be
    /// retried (429, 5xx, timeout) the rest are not sent this pass: Braze is unwell or limiting, and a user's later part
    /// must not overtake the failed one. Returns the outcome of each part that was sent, and false when the store could
    /// not record an acknowledgement (then nothing more is sent and the caller settles nothing).
    /// </summary>
    private async Task<(Dictionary<int, BrazeDeliveryOutcome> Outcomes, bool Recorded)> SendAsync(
        IReadOnlyList<DeliveryPart> parts, DeliveryPass pass, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<int, BrazeDeliveryOutcome>();
        if (parts.Count == 0)
        {
            return (outcomes, true);
        }

        var requests = BrazeRequestPacker.Pack(parts.Select((p, i) => ((long)i, p.Update)).ToArray(), _connection.BatchRule);
        if (pass.MoreDue && HoldsBackLast(requests))
        {
            // A backlog: the trailing request is not full, and the next pass fills it with the items claimed after these.
            requests = requests.Take(requests.Count - 1).ToArray();
        }

        var results = new List<BrazeSendResult>(requests.Count);
        var progress = new PartProgress[parts.Count];
        var recorded = true;
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
                // Shutting down: what Braze already answered is recorded; the request in flight and the rest stay
                // queued untouched (at-least-once, the ledgers absorb a repeat).
                break;
            }

            if (result.PauseUntil is { } until)
            {
                await _gate.PauseUntilAsync(until, cancellationToken).ConfigureAwait(false);
            }

            pass.RequestAnswered(new RequestReport(
                result.StatusCode,
                request.ObjectCount,
                result.Outcomes.Select(o => o.Outcome).OfType<Retryable>().FirstOrDefault()?.Reason,
                result.PauseUntil));
            results.Add(result);
            if (result.StatusCode is >= 200 and < 300)
            {
                _options.AfterAcknowledged?.Invoke();
            }

            if (!await RecordAcknowledgedAsync(Acknowledged(request, result, parts, progress), pass).ConfigureAwait(false))
            {
                recorded = false;
                break;
            }

            if (result.Outcomes.Any(o => o.Outcome is Retryable))
            {
                break;
            }
        }

        foreach (var (partIndex, outcome) in BrazeOutcomes.PerItem(results))
        {
            outcomes[(int)partIndex] = outcome;
        }

        return (outcomes, recorded);
    }

    /// <summary>
    /// Whether the last of <paramref name="requests"/> waits for the next pass when more items are due: it is not full,
    /// another request goes before it (so the pass still moves on), and it does not carry the rest of an item split
    /// across requests (that item is sent whole this pass). Its items then have no outcome and stay queued untouched.
    /// </summary>
    internal static bool HoldsBackLast(IReadOnlyList<BrazeTrackRequest> requests)
    {
        if (requests.Count < 2)
        {
            return false;
        }

        var last = requests[^1];
        return last.ObjectCount < last.Capacity && !requests[^2].ItemIds.Contains(last.ItemIds[0]);
    }
}
