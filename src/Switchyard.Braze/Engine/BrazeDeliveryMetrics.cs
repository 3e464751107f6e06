using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The delivery engine's instruments on the <c>Switchyard.Delivery</c> meter, each tagged with <c>output</c> (the
/// output id). One instance per process; the host exports the meter.
/// </summary>
public sealed class BrazeDeliveryMetrics : IDisposable
{
    public const string MeterName = "Switchyard.Delivery";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, DeliveryCycle> _cycles = new(StringComparer.Ordinal);

    public BrazeDeliveryMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        ItemsDelivered = _meter.CreateCounter<long>("switchyard.delivery.items.delivered", "{item}", "Outbox items acknowledged by the output.");
        ItemsRetried = _meter.CreateCounter<long>("switchyard.delivery.items.retried", "{item}", "Outbox items rescheduled after a retryable failure.");
        ItemsDeadLettered = _meter.CreateCounter<long>("switchyard.delivery.items.dead_lettered", "{item}", "Outbox items moved to the dead letters.");
        ItemsSkipped = _meter.CreateCounter<long>("switchyard.delivery.items.skipped", "{item}", "Outbox items with nothing to send (acknowledged).");
        RequestsSent = _meter.CreateCounter<long>("switchyard.delivery.requests.sent", "{request}", "Requests sent to the output.");
        ObjectsPerRequest = _meter.CreateHistogram<int>("switchyard.delivery.request.objects", "{object}", "Objects in one request.");
        AttributeFieldsSent = _meter.CreateCounter<long>("switchyard.delivery.attribute_fields.sent", "{field}", "Attribute fields sent.");
        AttributeFieldsSaved = _meter.CreateCounter<long>("switchyard.delivery.attribute_fields.saved", "{field}", "Attribute fields left out because the output already had the value.");
        MappingWarnings = _meter.CreateCounter<long>(
            "switchyard.delivery.mapping.warnings", "{warning}", "Values the mapping dropped or changed on their way to the output (tag kind).");
        ReconcileUsersChecked = _meter.CreateCounter<long>("switchyard.reconcile.users.checked", "{user}", "Users a reconcile compared with Braze (tag source: job or sample).");
        ReconcileUsersDrifted = _meter.CreateCounter<long>("switchyard.reconcile.users.drifted", "{user}", "Users whose Braze copy differed from the last-sent ledger.");
        ReconcileUsersRepaired = _meter.CreateCounter<long>("switchyard.reconcile.users.repaired", "{user}", "Users for whom a reconcile queued a repair.");
        ReconcileExports = _meter.CreateCounter<long>("switchyard.reconcile.exports", "{request}", "Export requests (/users/export/ids) sent by reconciles.");
        Latency = _meter.CreateHistogram<double>("switchyard.delivery.latency", "ms", "From an item's creation to its acknowledgement.");
        AudienceUsersSkipped = _meter.CreateCounter<long>(
            "switchyard.audience_sync.users.skipped", "{user}", "Users whose audience items were acknowledged without a request (tag reason).");
        AudienceUsersUnchanged = _meter.CreateCounter<long>(
            "switchyard.audience_sync.users.unchanged", "{user}", "Users whose membership attributes Braze already had (nothing sent).");
        AudienceIdsTruncated = _meter.CreateCounter<long>(
            "switchyard.audience_sync.segment_ids.truncated", "{id}", "Audience ids left out of SegmentMembership because it would exceed 255 characters.");
        _meter.CreateObservableGauge(
            "switchyard.delivery.store_failing",
            () => _cycles.Select(c => new Measurement<int>(c.Value.StoreFailing ? 1 : 0, c.Value.Tag)),
            "{output}",
            "1 while the output's delivery is paused because the store cannot record what Braze acknowledged.");
        _meter.CreateObservableGauge(
            "switchyard.delivery.unrecorded_requests",
            () => _cycles.Select(c => new Measurement<int>(c.Value.UnrecordedRequests, c.Value.Tag)),
            "{request}",
            "Requests Braze acknowledged whose ledgers wait in memory for the store.");
    }

    internal Counter<long> ItemsDelivered { get; }

    internal Counter<long> ItemsRetried { get; }

    internal Counter<long> ItemsDeadLettered { get; }

    internal Counter<long> ItemsSkipped { get; }

    internal Counter<long> RequestsSent { get; }

    internal Histogram<int> ObjectsPerRequest { get; }

    internal Counter<long> AttributeFieldsSent { get; }

    internal Counter<long> AttributeFieldsSaved { get; }

    internal Counter<long> MappingWarnings { get; }

    internal Histogram<double> Latency { get; }

    internal Counter<long> AudienceUsersSkipped { get; }

    internal Counter<long> AudienceUsersUnchanged { get; }

    internal Counter<long> AudienceIdsTruncated { get; }

    /// <summary>Observes the cycle's gauges; a later cycle of the same output replaces it.</summary>
    internal void Track(DeliveryCycle cycle) => _cycles[cycle.OutputId] = cycle;

    internal Counter<long> ReconcileUsersChecked { get; }

    internal Counter<long> ReconcileUsersDrifted { get; }

    internal Counter<long> ReconcileUsersRepaired { get; }

    internal Counter<long> ReconcileExports { get; }

    public void Dispose() => _meter.Dispose();
}
