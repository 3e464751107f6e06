using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using Switchyard.Core.Delivery;
using Switchyard.Core.Ingest;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Hosting;

namespace Switchyard.Admin;

/// <summary>
/// What replaying a dead letter would send to Braze now, judged with the delivery engine's own rules: the batch mapped
/// with the output's settings against the profile as it is, then attributes the last-sent ledger still holds and
/// events the output already delivered left out (BrazeDelivery does the same when it sends). Null where it cannot be
/// judged: an audience output, a refresh item, a batch neither kept nor still in the inbox, a profile gone, or a
/// batch that no longer parses or maps.
/// </summary>
internal sealed class ReplayCosts(BrazeOutputs braze, IProfileStore profiles, IDeliveryStore delivery, IInboxStore inbox, TimeProvider time)
{
    public async Task<ReplayCost?> EstimateAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        var settings = braze.All.FirstOrDefault(b => b.Id == letter.OutputId).Settings;
        if (settings is null || !BrazeOutboxPayload.TryRead(letter.Payload, out var payload) || payload.Refresh)
        {
            return null;
        }

        var batch = letter.Batch ?? await FromInboxAsync(payload.Sequence, cancellationToken).ConfigureAwait(false);
        if (batch is null || await profiles.FindProfileAsync(letter.Mpid, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            return null;
        }

        var now = time.GetUtcNow();
        BrazeMappingOutcome outcome;
        try
        {
            var parsed = EventsApiParser.ParseBatch(batch.Payload, new IngestParseOptions(batch.ReceivedAt));
            if (!parsed.IsSuccess || parsed.Batches.Count != 1)
            {
                return null;
            }

            outcome = BrazeUserMapper.Map(parsed.Batches[0].Batch, profile, settings, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A batch that fails to map is why some items die; there is nothing to estimate then.
            return null;
        }

        if (outcome is not BrazeUserUpdate update)
        {
            return new ReplayCost(0, 0, 0);
        }

        var ledger = (await delivery.LastSentAsync(letter.OutputId, [letter.Mpid], LedgerAge.FreshSinceMs(settings.LedgerMaxAge, now), cancellationToken).ConfigureAwait(false))[letter.Mpid];
        var attributes = update.Attributes.Count(a => !ledger.Holds(a.Name, AttributeFingerprint.Of(a.Value)));
        // Event identities as the engine gives them ({seq}:event:{i}, {seq}:purchase:{i}), so delivered ones are seen.
        var eventIds = Enumerable.Range(0, update.Events.Count).Select(i => $"{payload.Sequence}:event:{i}").ToArray();
        var purchaseIds = Enumerable.Range(0, update.Purchases.Count).Select(i => $"{payload.Sequence}:purchase:{i}").ToArray();
        var delivered = await delivery.DeliveredAmongAsync(letter.OutputId, [.. eventIds, .. purchaseIds], cancellationToken).ConfigureAwait(false);
        var events = eventIds.Count(id => !delivered.Contains(id));
        var units = update.Purchases.Where((_, i) => !delivered.Contains(purchaseIds[i])).Sum(p => p.Quantity);
        return new ReplayCost(attributes, events, units);
    }

    private async Task<StoredBatch?> FromInboxAsync(long sequence, CancellationToken cancellationToken)
    {
        var read = await inbox.ReadAsync(sequence - 1, 1, cancellationToken).ConfigureAwait(false);
        return read is [var batch] && batch.Sequence == sequence ? batch : null;
    }
}
