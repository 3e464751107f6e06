using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// The delivery engine's instruments on the <c>Switchyard.Delivery</c> meter, each tagged with <c>output</c> (the
/// output id), the same for every output type. One instance per process; the host exports the meter. Output types add
/// their own instruments on a meter of the same name (a dashboard reads them by instrument name).
/// </summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string MeterName = "Switchyard.Delivery";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, DeliveryEngine> _engines = new(StringComparer.Ordinal);

    public DeliveryMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        ItemsDelivered = _meter.CreateCounter<long>("switchyard.delivery.items.delivered", "{item}", "Outbox items acknowledged by the output.");
        ItemsRetried = _meter.CreateCounter<long>("switchyard.delivery.items.retried", "{item}", "Outbox items rescheduled after a retryable failure.");
        ItemsDeadLettered = _meter.CreateCounter<long>("switchyard.delivery.items.dead_lettered", "{item}", "Outbox items moved to the dead letters.");
        ItemsSkipped = _meter.CreateCounter<long>("switchyard.delivery.items.skipped", "{item}", "Outbox items with nothing to send (acknowledged).");
        RequestsSent = _meter.CreateCounter<long>("switchyard.delivery.requests.sent", "{request}", "Requests sent to the output.");
        ObjectsPerRequest = _meter.CreateHistogram<int>("switchyard.delivery.request.objects", "{object}", "Objects in one request.");
        Latency = _meter.CreateHistogram<double>("switchyard.delivery.latency", "ms", "From an item's creation to its acknowledgement.");
        _meter.CreateObservableGauge(
            "switchyard.delivery.store_failing",
            () => _engines.Select(e => new Measurement<int>(e.Value.StoreFailing ? 1 : 0, e.Value.Tag)),
            "{output}",
            "1 while the output's delivery is paused because the store cannot record what the destination acknowledged.");
        _meter.CreateObservableGauge(
            "switchyard.delivery.unrecorded_requests",
            () => _engines.Select(e => new Measurement<int>(e.Value.UnrecordedRequests, e.Value.Tag)),
            "{request}",
            "Requests the destination acknowledged whose records wait in memory for the store.");
    }

    internal Counter<long> ItemsDelivered { get; }

    internal Counter<long> ItemsRetried { get; }

    internal Counter<long> ItemsDeadLettered { get; }

    internal Counter<long> ItemsSkipped { get; }

    internal Counter<long> RequestsSent { get; }

    internal Histogram<int> ObjectsPerRequest { get; }

    internal Histogram<double> Latency { get; }

    /// <summary>Observes the engine's gauges; a later engine of the same output replaces it.</summary>
    internal void Track(DeliveryEngine engine) => _engines[engine.OutputId] = engine;

    public void Dispose() => _meter.Dispose();
}
