using Switchyard.Braze.Mapping;

namespace Switchyard.Braze.Engine;

public sealed partial class BrazeDelivery
{
    /// <summary>
    /// Splits the pass into parts: per user one attributes object coalescing all its items (later values win, fields
    /// the output already has left out), placed before that user's first events; per item its events and purchases.
    /// </summary>
    private async Task<List<DeliveryPart>> BuildPartsAsync(IReadOnlyList<PreparedItem> prepared, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parts = new List<DeliveryPart>();
        var byUser = prepared.GroupBy(p => p.Item.Mpid).ToDictionary(g => g.Key, g => g.ToArray());
        var lastSent = await _store.LastSentAsync(
            _outputId, byUser.Where(u => u.Value.Any(i => i.Update.HasAttributesObject)).Select(u => u.Key).ToArray(), LedgerAge.FreshSinceMs(_settings.LedgerMaxAge, now), cancellationToken).ConfigureAwait(false);
        var done = new HashSet<long>();
        foreach (var item in prepared)
        {
            var mpid = item.Item.Mpid;
            if (done.Add(mpid) && CoalescedAttributes(mpid, byUser[mpid], lastSent) is { } attributes)
            {
                parts.Add(attributes);
            }

            if (item.Update.Events.Count + item.Update.Purchases.Count > 0)
            {
                var events = item.Update with { Attributes = [], PushTokens = [], Warnings = [] };
                parts.Add(new DeliveryPart(mpid, [item], events, new Dictionary<string, string?>(), item.EventIds, item.PurchaseIds));
            }
        }

        return parts;
    }

    private DeliveryPart? CoalescedAttributes(
        long mpid, IReadOnlyList<PreparedItem> items, IReadOnlyDictionary<long, Core.Delivery.AgedLedger> ledgers)
    {
        var contributors = items.Where(i => i.Update.HasAttributesObject).ToArray();
        if (contributors.Length == 0)
        {
            return null;
        }

        var order = new List<string>();
        var values = new Dictionary<string, BrazeValue>(StringComparer.Ordinal);
        var tokens = new List<BrazePushToken>();
        string? externalId = null;
        foreach (var item in contributors)
        {
            externalId = item.Update.ExternalId ?? externalId;
            foreach (var (name, value) in item.Update.Attributes)
            {
                if (!values.ContainsKey(name))
                {
                    order.Add(name);
                }

                values[name] = value;
            }

            // Push tokens are not in the ledger: Braze does not bill them (reference/braze.md §4), so they go as given.
            foreach (var token in item.Update.PushTokens)
            {
                if (!tokens.Contains(token))
                {
                    tokens.Add(token);
                }
            }
        }

        var lastSent = ledgers[mpid];
        var attributes = new List<BrazeProperty>(order.Count);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var saved = 0;
        foreach (var name in order)
        {
            var value = values[name];
            var fingerprint = AttributeFingerprint.Of(value);
            // A value acknowledged longer ago than ledgerMaxAge is sent again: Braze may have lost or changed it since.
            if (lastSent.Holds(name, fingerprint))
            {
                saved++;
                continue;
            }

            attributes.Add(new BrazeProperty(name, value));
            fields[name] = value is BrazeNull ? null : fingerprint;
        }

        if (saved > 0)
        {
            _metrics.AttributeFieldsSaved.Add(saved, _tag);
        }

        if (attributes.Count == 0 && tokens.Count == 0)
        {
            return null;
        }

        var update = new BrazeUserUpdate(externalId, attributes, tokens, [], [], []);
        return new DeliveryPart(mpid, contributors, update, fields, [], []);
    }
}
