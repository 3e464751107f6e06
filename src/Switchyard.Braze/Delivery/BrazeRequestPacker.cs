using System.Buffers;
using System.Text.Json;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;

namespace Switchyard.Braze.Delivery;

/// <summary>
/// Packs items (one <see cref="BrazeUserUpdate"/> each) into <c>/users/track</c> requests under a batch rule
/// (reference/braze.md §1.8), in item order, filling each request as far as the rule allows.
/// </summary>
/// <remarks>
/// An item's objects stay in one request: an item that does not fit in what is left of the current request starts the
/// next one. Only an item that alone exceeds the rule (say 80 events under <c>Combined75</c>) is split: it first fills
/// the current request, then continues in as many further requests as it needs, its attributes object going first.
/// Each request then names the item; the caller combines its outcomes (Rejected wins, then Retryable). An item with no
/// objects is in no request.
/// </remarks>
public static class BrazeRequestPacker
{
    public static IReadOnlyList<BrazeTrackRequest> Pack(IReadOnlyList<(long ItemId, BrazeUserUpdate Update)> items, BrazeBatchRule rule)
    {
        ArgumentNullException.ThrowIfNull(items);
        var capacity = BrazeBatchCapacity.For(rule);
        var requests = new List<BrazeTrackRequest>();
        var current = new RequestBuilder(capacity);
        foreach (var (itemId, update) in items)
        {
            ArgumentNullException.ThrowIfNull(update);
            if (update.ObjectCount == 0)
            {
                continue;
            }

            var attributes = update.HasAttributesObject ? 1 : 0;
            if (capacity.Fits(attributes, update.Events.Count, update.Purchases.Count))
            {
                if (!current.Fits(attributes, update.Events.Count, update.Purchases.Count))
                {
                    requests.Add(current.Build());
                    current = new RequestBuilder(capacity);
                }

                current.Add(itemId, update);
                continue;
            }

            // Oversized: split across requests (see remarks).
            var rest = update;
            while (rest.ObjectCount > 0)
            {
                var piece = current.TakeFitting(rest, out rest);
                if (piece is not null)
                {
                    current.Add(itemId, piece);
                }

                if (rest.ObjectCount > 0)
                {
                    requests.Add(current.Build());
                    current = new RequestBuilder(capacity);
                }
            }
        }

        if (current.ObjectCount > 0)
        {
            requests.Add(current.Build());
        }

        return requests;
    }

    private sealed class RequestBuilder(BrazeBatchCapacity capacity)
    {
        private readonly List<BrazeUserUpdate> _parts = [];
        private readonly List<long> _itemIds = [];
        private readonly List<long> _attributeItems = [];
        private readonly List<long> _eventItems = [];
        private readonly List<long> _purchaseItems = [];

        public int ObjectCount => _attributeItems.Count + _eventItems.Count + _purchaseItems.Count;

        public bool Fits(int attributes, int events, int purchases) =>
            capacity.Fits(_attributeItems.Count + attributes, _eventItems.Count + events, _purchaseItems.Count + purchases);

        public void Add(long itemId, BrazeUserUpdate part)
        {
            _parts.Add(part);
            if (_itemIds.Count == 0 || _itemIds[^1] != itemId)
            {
                _itemIds.Add(itemId);
            }

            if (part.HasAttributesObject)
            {
                _attributeItems.Add(itemId);
            }

            _eventItems.AddRange(Enumerable.Repeat(itemId, part.Events.Count));
            _purchaseItems.AddRange(Enumerable.Repeat(itemId, part.Purchases.Count));
        }

        /// <summary>The largest leading part of <paramref name="update"/> that still fits: attributes, then events, then purchases.</summary>
        public BrazeUserUpdate? TakeFitting(BrazeUserUpdate update, out BrazeUserUpdate rest)
        {
            var free = capacity.Combined - ObjectCount;
            var attributes = update.HasAttributesObject && _attributeItems.Count < capacity.PerArray && free > 0 ? 1 : 0;
            free -= attributes;
            var events = Math.Min(update.Events.Count, Math.Min(capacity.PerArray - _eventItems.Count, free));
            free -= events;
            var purchases = Math.Min(update.Purchases.Count, Math.Min(capacity.PerArray - _purchaseItems.Count, free));
            rest = update with
            {
                Attributes = attributes == 1 ? [] : update.Attributes,
                PushTokens = attributes == 1 ? [] : update.PushTokens,
                Events = update.Events.Skip(events).ToArray(),
                Purchases = update.Purchases.Skip(purchases).ToArray(),
            };
            if (attributes + events + purchases == 0)
            {
                return null;
            }

            return update with
            {
                Attributes = attributes == 1 ? update.Attributes : [],
                PushTokens = attributes == 1 ? update.PushTokens : [],
                Events = update.Events.Take(events).ToArray(),
                Purchases = update.Purchases.Take(purchases).ToArray(),
            };
        }

        public BrazeTrackRequest Build()
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, BrazeTrackJson.WriterOptions))
            {
                BrazeTrackJson.WriteBody(writer, _parts);
            }

            return new BrazeTrackRequest(
                buffer.WrittenMemory.ToArray(),
                [.. _itemIds],
                [.. _attributeItems],
                [.. _eventItems],
                [.. _purchaseItems],
                capacity.Combined);
        }
    }
}
