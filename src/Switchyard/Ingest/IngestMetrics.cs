using System.Diagnostics.Metrics;

namespace Switchyard.Ingest;

/// <summary>
/// Ingest counters, exported at <c>/metrics</c>: batches stored, duplicates not stored again (by reason), events left
/// out of stored batches as repeats, requests refused by status, batches refused within accepted bulk requests (by
/// feed and error code), and Currents events received and skipped.
/// </summary>
internal sealed class IngestMetrics
{
    public const string MeterName = "Switchyard.Ingest";

    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _duplicateEvents;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _batchesRefused;
    private readonly Counter<long> _namesTruncated;
    private long _batchesRefusedTotal;
    private readonly Counter<long> _currentsReceived;
    private readonly Counter<long> _currentsSkipped;

    private static readonly KeyValuePair<string, object?> RequestIdReason = new("reason", "source_request_id");
    private static readonly KeyValuePair<string, object?> MessageIdReason = new("reason", "source_message_id");
    private static readonly KeyValuePair<string, object?> NoExternalIdReason = new("reason", "no_external_user_id");

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _stored = meter.CreateCounter<long>("switchyard.ingest.batches_stored", description: "Batches committed to the inbox.");
        _duplicates = meter.CreateCounter<long>("switchyard.ingest.batches_duplicate", description: "Batches answered 202 but not stored again, by reason: source_request_id (a repeated request) or source_message_id (every event of a Braze feed batch seen before).");
        _duplicateEvents = meter.CreateCounter<long>("switchyard.ingest.events_duplicate", description: "Events of Braze feed batches answered 202 but not stored again (repeated source_message_id), by reason.");
        _refused = meter.CreateCounter<long>("switchyard.ingest.requests_refused", description: "Requests answered with an error, by status.");
        _batchesRefused = meter.CreateCounter<long>("switchyard.ingest.batches_refused", description: "Invalid batches left out of bulk requests answered 202 (the valid batches were stored), by feed and the code of the batch's first error.");
        _namesTruncated = meter.CreateCounter<long>("switchyard.ingest.names_truncated", description: "Event names and event attribute names over 256 characters shortened to 256 in stored batches, by feed (mParticle truncates them for server-to-server data).");
        _currentsReceived = meter.CreateCounter<long>("switchyard.ingest.currents_events_received", description: "Braze Currents events in requests to /v2/currents answered 202.");
        _currentsSkipped = meter.CreateCounter<long>("switchyard.ingest.currents_events_skipped", description: "Braze Currents events answered 202 but not stored, by reason: no_external_user_id (Braze's mParticle export leaves them out too).");
    }

    public void Stored(string feedId, Core.Storage.InboxAppendResult result)
    {
        var feed = new KeyValuePair<string, object?>("feed", feedId);
        _stored.Add(result.StoredCount, feed);
        _duplicates.Add(result.RequestDuplicateCount, feed, RequestIdReason);
        if (result.DroppedEventCount > 0)
        {
            // Only Braze feeds de-duplicate events; their repeats show apart from repeated requests.
            _duplicates.Add(result.MessageDuplicateCount, feed, MessageIdReason);
            _duplicateEvents.Add(result.DroppedEventCount, feed, MessageIdReason);
        }
    }

    public void CurrentsReceived(string feedId, int received, int skippedWithoutExternalId)
    {
        var feed = new KeyValuePair<string, object?>("feed", feedId);
        _currentsReceived.Add(received, feed);
        if (skippedWithoutExternalId > 0)
        {
            _currentsSkipped.Add(skippedWithoutExternalId, feed, NoExternalIdReason);
        }
    }

    /// <summary>Invalid batches left out of requests answered 202, since start; shown by <c>GET /admin/processing</c>.</summary>
    public long BatchesRefused => Interlocked.Read(ref _batchesRefusedTotal);

    public void BatchesRefusedInAcceptedRequest(string feedId, IReadOnlyList<Core.Ingest.BatchRefusal> refused)
    {
        var feed = new KeyValuePair<string, object?>("feed", feedId);
        foreach (var refusal in refused)
        {
            _batchesRefused.Add(1, feed, new KeyValuePair<string, object?>("code", refusal.Code));
        }

        Interlocked.Add(ref _batchesRefusedTotal, refused.Count);
    }

    public void NamesTruncated(string feedId, int count)
    {
        if (count > 0)
        {
            _namesTruncated.Add(count, new KeyValuePair<string, object?>("feed", feedId));
        }
    }

    public void Refused(int status) => _refused.Add(1, new KeyValuePair<string, object?>("status", status));
}
