using System.Diagnostics.Metrics;

namespace Switchyard.Ingest;

/// <summary>Events API counters, exported at <c>/metrics</c>: batches stored, duplicates not stored again, requests refused by status.</summary>
internal sealed class IngestMetrics
{
    public const string MeterName = "Switchyard.Ingest";

    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _refused;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _stored = meter.CreateCounter<long>("switchyard.ingest.batches_stored", description: "Batches committed to the inbox.");
        _duplicates = meter.CreateCounter<long>("switchyard.ingest.batches_duplicate", description: "Batches answered 202 but not stored again (repeated source_request_id).");
        _refused = meter.CreateCounter<long>("switchyard.ingest.requests_refused", description: "Requests answered with an error, by status.");
    }

    public void Stored(string feedId, int stored, int duplicates)
    {
        _stored.Add(stored, new KeyValuePair<string, object?>("feed", feedId));
        _duplicates.Add(duplicates, new KeyValuePair<string, object?>("feed", feedId));
    }

    public void Refused(int status) => _refused.Add(1, new KeyValuePair<string, object?>("status", status));
}
