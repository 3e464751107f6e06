using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Processing;

/// <summary>
/// How far behind the pipeline is, for alerting: batches stored but not yet processed and the age of the oldest of
/// them (the processor's lag), and per output the age of the item waiting longest and the items queued. The stores are
/// read asynchronously, so a sampler refreshes these every second and <c>/metrics</c> reports the latest sample (an
/// output's oldest item is sampled; its age is taken when scraped). Queue depth per output is
/// <c>switchyard_outbox_items_queued</c>, reported by the delivery worker from this sample.
/// </summary>
internal sealed class BacklogMetrics : BackgroundService
{
    public const string MeterName = "Switchyard.Processing";

    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    private readonly IInboxStore _inbox;
    private readonly IProfileStore _profiles;
    private readonly IDeliveryStore _delivery;
    private readonly Hosting.DeliveryOutputs _outputs;
    private readonly TimeProvider _time;
    private readonly ILogger<BacklogMetrics> _logger;
    private long _backlog;
    private double _lagSeconds;
    private IReadOnlyDictionary<string, OutboxSample> _outbox = new Dictionary<string, OutboxSample>(StringComparer.Ordinal);

    public BacklogMetrics(IInboxStore inbox, IProfileStore profiles, IDeliveryStore delivery, Hosting.DeliveryOutputs outputs, IMeterFactory meters, TimeProvider time, ILogger<BacklogMetrics> logger)
    {
        _inbox = inbox;
        _profiles = profiles;
        _delivery = delivery;
        _outputs = outputs;
        _time = time;
        _logger = logger;
        var meter = meters.Create(new MeterOptions(MeterName));
        meter.CreateObservableGauge("switchyard.processing.backlog", () => Interlocked.Read(ref _backlog), "{batch}", "Batches stored in the inbox and not processed yet.");
        meter.CreateObservableGauge("switchyard.processing.lag", () => Volatile.Read(ref _lagSeconds), "s", "Age of the oldest batch not processed yet (0 when processing is caught up).");
        var outbox = meters.Create(new MeterOptions(DeliveryWorker.OutboxMeterName));
        outbox.CreateObservableGauge(
            "switchyard.outbox.oldest_item_age",
            () => outputs.Ids.Select(id =>
            {
                var queuedAt = Volatile.Read(ref _outbox).GetValueOrDefault(id)?.OldestQueuedAtMs;
                var age = queuedAt is { } ms ? Math.Max(0, (_time.GetUtcNow().ToUnixTimeMilliseconds() - ms) / 1000.0) : 0;
                return new Measurement<double>(age, new KeyValuePair<string, object?>("output", id));
            }),
            "s",
            "Age of the item waiting longest at the output (0 when nothing waits).");
    }

    /// <summary>Reads the backlog once (the sampler's step; tests call it to avoid waiting).</summary>
    internal async Task SampleAsync(CancellationToken cancellationToken)
    {
        var backlog = await _inbox.ReadBacklogAsync(await _profiles.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _backlog, backlog.Batches);
        Volatile.Write(ref _lagSeconds, backlog.OldestReceivedAt is { } oldest ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds) : 0);
        var outbox = new Dictionary<string, OutboxSample>(StringComparer.Ordinal);
        foreach (var id in _outputs.Ids)
        {
            outbox[id] = new OutboxSample(
                await _delivery.CountQueuedAsync(id, cancellationToken).ConfigureAwait(false),
                await _delivery.OldestQueuedAtMsAsync(id, cancellationToken).ConfigureAwait(false));
        }

        Volatile.Write(ref _outbox, outbox);
    }

    /// <summary>Items queued at the output at the latest sample (0 before the first, or for an output not sampled yet).</summary>
    public long QueuedAt(string outputId) => Volatile.Read(ref _outbox).GetValueOrDefault(outputId)?.Queued ?? 0;

    private sealed record OutboxSample(long Queued, long? OldestQueuedAtMs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(SampleEvery, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A sample that cannot be read keeps the previous one; the store's own failures are reported by its workers.
                Log.BacklogSampleFailed(_logger, e);
                await Task.Delay(SampleEvery, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
