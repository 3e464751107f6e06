using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Processing;

/// <summary>
/// How far behind the pipeline is, for alerting: batches stored but not yet processed and the age of the oldest of
/// them (the processor's lag), and per output the age of the item waiting longest. The inbox is read asynchronously,
/// so a sampler refreshes these every second and <c>/metrics</c> reports the latest sample; the outbox ages are read
/// when scraped. Queue depth per output is <c>switchyard_outbox_items_queued</c>.
/// </summary>
internal sealed class BacklogMetrics : BackgroundService
{
    public const string MeterName = "Switchyard.Processing";

    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    private readonly IInboxStore _inbox;
    private readonly IProfileStore _profiles;
    private readonly TimeProvider _time;
    private readonly ILogger<BacklogMetrics> _logger;
    private long _backlog;
    private double _lagSeconds;

    public BacklogMetrics(IInboxStore inbox, IProfileStore profiles, IDeliveryStore delivery, Hosting.DeliveryOutputs outputs, IMeterFactory meters, TimeProvider time, ILogger<BacklogMetrics> logger)
    {
        _inbox = inbox;
        _profiles = profiles;
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
                var queuedAt = delivery.OldestQueuedAtMs(id);
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
    }

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
