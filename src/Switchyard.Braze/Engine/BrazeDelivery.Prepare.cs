using System.Globalization;
using Switchyard.Braze.Mapping;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Ingest;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Braze.Engine;

public sealed partial class BrazeDelivery
{
    /// <summary>
    /// Maps one item from its stored batch and the current profile. Items that cannot be delivered (bad payload,
    /// missing batch or profile, a batch that fails to parse or map) are dead-lettered and Braze-skipped ones
    /// acknowledged here; both return null.
    /// </summary>
    private async Task<PreparedItem?> PrepareAsync(OutboxItem item, DateTimeOffset now, DeliveryPass pass, Dictionary<long, StoredBatch> batches, CancellationToken cancellationToken)
    {
        if (!BrazeOutboxPayload.TryRead(item.Payload, out var payload))
        {
            await DeadLetterAsync(item, "unreadable outbox payload (expected {\"seq\": n})", pass, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (payload.Refresh)
        {
            return await RefreshAsync(item, now, pass, cancellationToken).ConfigureAwait(false);
        }

        // A replayed dead letter carries its own copy; every other item reads its batch from the inbox.
        var stored = item.Batch ?? batches.GetValueOrDefault(payload.Sequence);
        if (stored is null)
        {
            await DeadLetterAsync(item, $"batch {payload.Sequence.ToString(CultureInfo.InvariantCulture)} is no longer in the inbox", pass, cancellationToken).ConfigureAwait(false);
            return null;
        }

        pass.Batches[item.Id] = stored;

        // A user's items in one pass map against the same profile; read it once.
        if (!pass.Profiles.TryGetValue(item.Mpid, out var profile))
        {
            pass.Profiles[item.Mpid] = profile = await _profiles.FindProfileAsync(item.Mpid, cancellationToken).ConfigureAwait(false);
        }

        if (profile is null)
        {
            await DeadLetterAsync(item, $"profile {item.Mpid.ToString(CultureInfo.InvariantCulture)} not found", pass, cancellationToken).ConfigureAwait(false);
            return null;
        }

        // Parsing and mapping are pure: whatever goes wrong in them belongs to this item alone (design.md, Reliability
        // targets), so it is dead-lettered and the pass goes on. Store calls stay outside: a storage failure fails the pass.
        BrazeMappingOutcome outcome;
        try
        {
            // The batch passed validation when it was received; judge its timestamps against that time, not now.
            var parsed = EventsApiParser.ParseBatch(stored.Payload, new IngestParseOptions(stored.ReceivedAt));
            if (!parsed.IsSuccess || parsed.Batches.Count != 1)
            {
                await DeadLetterAsync(item, $"batch {payload.Sequence.ToString(CultureInfo.InvariantCulture)} could not be parsed: {parsed.Failure}", pass, cancellationToken).ConfigureAwait(false);
                return null;
            }

            outcome = BrazeUserMapper.Map(parsed.Batches[0].Batch, profile, _settings, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await TrackSender.DeadLetterAsync(item, $"mapping failed: {e.GetType().Name}: {e.Message}", pass, cancellationToken, logged: true).ConfigureAwait(false);
            Log.MappingFailed(_logger, _outputId, item.Id, item.Mpid, e);
            return null;
        }

        switch (outcome)
        {
            case BrazeSkipped:
                await TrackSender.SkipAsync(item, pass, cancellationToken).ConfigureAwait(false);
                return null;
            case BrazeUserUpdate update:
                CountWarnings(update);
                return WithEventIds(item, payload.Sequence, update);
            default:
                throw new InvalidOperationException("The mapper returned an unknown outcome.");
        }
    }

    /// <summary>
    /// A refresh item (queued by a reconcile that found the user's Braze copy drifted): the profile's attributes mapped
    /// without a batch, enriched attributes included whatever the setting, since the profile is all there is to repair
    /// from. The ledger then leaves out what Braze still has, so only the drifted fields cost data points.
    /// </summary>
    private async Task<PreparedItem?> RefreshAsync(OutboxItem item, DateTimeOffset now, DeliveryPass pass, CancellationToken cancellationToken)
    {
        if (!pass.Profiles.TryGetValue(item.Mpid, out var profile))
        {
            pass.Profiles[item.Mpid] = profile = await _profiles.FindProfileAsync(item.Mpid, cancellationToken).ConfigureAwait(false);
        }

        if (profile is null)
        {
            await DeadLetterAsync(item, $"profile {item.Mpid.ToString(CultureInfo.InvariantCulture)} not found", pass, cancellationToken).ConfigureAwait(false);
            return null;
        }

        BrazeMappingOutcome outcome;
        try
        {
            outcome = BrazeUserMapper.Map(new Core.Ingest.Model.Batch { Mpid = profile.Mpid }, profile, _settings with { IncludeEnrichedUserAttributes = true }, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await TrackSender.DeadLetterAsync(item, $"mapping failed: {e.GetType().Name}: {e.Message}", pass, cancellationToken, logged: true).ConfigureAwait(false);
            Log.MappingFailed(_logger, _outputId, item.Id, item.Mpid, e);
            return null;
        }

        if (outcome is not BrazeUserUpdate update)
        {
            await TrackSender.SkipAsync(item, pass, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new PreparedItem(item, update with { Events = [], Purchases = [] }, [], []);
    }

    /// <summary>Counts what the mapping dropped or changed, by kind (each time an item is mapped, so a retried item counts again).</summary>
    private void CountWarnings(BrazeUserUpdate update)
    {
        foreach (var warning in update.Warnings)
        {
            _metrics.MappingWarnings.Add(1, _tag, new KeyValuePair<string, object?>("kind", warning.Kind.ToString()));
        }
    }

    /// <summary>
    /// Gives each event and purchase its stable id <c>{seq}:{kind}:{index}</c> (design.md, event identity). Those the
    /// output already acknowledged are left out afterwards by <see cref="WithoutDeliveredEventsAsync"/>.
    /// </summary>
    private static PreparedItem WithEventIds(OutboxItem item, long sequence, BrazeUserUpdate update)
    {
        var eventIds = new List<string>(update.Events.Count);
        for (var i = 0; i < update.Events.Count; i++)
        {
            eventIds.Add(string.Create(CultureInfo.InvariantCulture, $"{sequence}:event:{i}"));
        }

        var purchaseIds = new List<string>(update.Purchases.Count);
        for (var i = 0; i < update.Purchases.Count; i++)
        {
            purchaseIds.Add(string.Create(CultureInfo.InvariantCulture, $"{sequence}:purchase:{i}"));
        }

        return new PreparedItem(item, update, eventIds, purchaseIds);
    }

    /// <summary>
    /// Leaves out the events and purchases the output already acknowledged, so a re-sent item never duplicates an
    /// event; one ledger read for the whole pass.
    /// </summary>
    private async Task<List<PreparedItem>> WithoutDeliveredEventsAsync(List<PreparedItem> prepared, CancellationToken cancellationToken)
    {
        var all = new List<string>();
        foreach (var item in prepared)
        {
            all.AddRange(item.EventIds);
            all.AddRange(item.PurchaseIds);
        }

        var delivered = await _store.DeliveredAmongAsync(_outputId, all, cancellationToken).ConfigureAwait(false);
        if (delivered.Count == 0)
        {
            return prepared;
        }

        var result = new List<PreparedItem>(prepared.Count);
        foreach (var item in prepared)
        {
            var update = item.Update;
            var events = new List<BrazeEvent>(update.Events.Count);
            var eventIds = new List<string>(update.Events.Count);
            for (var i = 0; i < update.Events.Count; i++)
            {
                if (!delivered.Contains(item.EventIds[i]))
                {
                    events.Add(update.Events[i]);
                    eventIds.Add(item.EventIds[i]);
                }
            }

            var purchases = new List<BrazePurchase>(update.Purchases.Count);
            var purchaseIds = new List<string>(update.Purchases.Count);
            for (var i = 0; i < update.Purchases.Count; i++)
            {
                if (!delivered.Contains(item.PurchaseIds[i]))
                {
                    purchases.Add(update.Purchases[i]);
                    purchaseIds.Add(item.PurchaseIds[i]);
                }
            }

            result.Add(new PreparedItem(item.Item, update with { Events = events, Purchases = purchases }, eventIds, purchaseIds));
        }

        return result;
    }

    private static Task DeadLetterAsync(OutboxItem item, string reason, DeliveryPass pass, CancellationToken cancellationToken) =>
        TrackSender.DeadLetterAsync(item, reason, pass, cancellationToken);
}
