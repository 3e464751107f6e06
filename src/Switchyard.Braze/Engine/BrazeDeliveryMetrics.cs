using System.Diagnostics.Metrics;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The Braze output types' own instruments on the <c>Switchyard.Delivery</c> meter (attribute deltas, mapping warnings,
/// reconcile, audience sync), each tagged with <c>output</c>, beside the engine's <see cref="DeliveryMetrics"/> that every
/// output type shares (<see cref="Delivery"/>). One instance per process; the host exports the meter.
/// </summary>
public sealed class BrazeDeliveryMetrics : IDisposable
{
    public const string MeterName = DeliveryMetrics.MeterName;

    private readonly Meter _meter;
    private readonly bool _ownsDelivery;

    /// <param name="delivery">The process's engine metrics; null creates one owned (and disposed) by this instance.</param>
    public BrazeDeliveryMetrics(IMeterFactory? meterFactory = null, DeliveryMetrics? delivery = null)
    {
        _ownsDelivery = delivery is null;
        Delivery = delivery ?? new DeliveryMetrics(meterFactory);
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        AttributeFieldsSent = _meter.CreateCounter<long>("switchyard.delivery.attribute_fields.sent", "{field}", "Attribute fields sent.");
        AttributeFieldsSaved = _meter.CreateCounter<long>("switchyard.delivery.attribute_fields.saved", "{field}", "Attribute fields left out because the output already had the value.");
        MappingWarnings = _meter.CreateCounter<long>(
            "switchyard.delivery.mapping.warnings", "{warning}", "Values the mapping dropped or changed on their way to the output (tag kind).");
        ReconcileUsersChecked = _meter.CreateCounter<long>("switchyard.reconcile.users.checked", "{user}", "Users a reconcile compared with Braze (tag source: job or sample).");
        ReconcileUsersDrifted = _meter.CreateCounter<long>("switchyard.reconcile.users.drifted", "{user}", "Users whose Braze copy differed from the last-sent ledger.");
        ReconcileUsersRepaired = _meter.CreateCounter<long>("switchyard.reconcile.users.repaired", "{user}", "Users for whom a reconcile queued a repair.");
        ReconcileExports = _meter.CreateCounter<long>("switchyard.reconcile.exports", "{request}", "Export requests (/users/export/ids) sent by reconciles.");
        AudienceUsersSkipped = _meter.CreateCounter<long>(
            "switchyard.audience_sync.users.skipped", "{user}", "Users whose audience items were acknowledged without a request (tag reason).");
        AudienceUsersUnchanged = _meter.CreateCounter<long>(
            "switchyard.audience_sync.users.unchanged", "{user}", "Users whose membership attributes Braze already had (nothing sent).");
        AudienceIdsTruncated = _meter.CreateCounter<long>(
            "switchyard.audience_sync.segment_ids.truncated", "{id}", "Audience ids left out of SegmentMembership because it would exceed 255 characters.");
    }

    internal Counter<long> AttributeFieldsSent { get; }

    internal Counter<long> AttributeFieldsSaved { get; }

    internal Counter<long> MappingWarnings { get; }

    internal Counter<long> AudienceUsersSkipped { get; }

    internal Counter<long> AudienceUsersUnchanged { get; }

    internal Counter<long> AudienceIdsTruncated { get; }

    internal Counter<long> ReconcileUsersChecked { get; }

    internal Counter<long> ReconcileUsersDrifted { get; }

    internal Counter<long> ReconcileUsersRepaired { get; }

    internal Counter<long> ReconcileExports { get; }

    /// <summary>The engine's instruments, shared by every output type.</summary>
    public DeliveryMetrics Delivery { get; }

    public void Dispose()
    {
        _meter.Dispose();
        if (_ownsDelivery)
        {
            Delivery.Dispose();
        }
    }
}
