using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Hosting;

namespace Switchyard.Processing;

/// <summary>
/// Runs the delivery engine of every Braze output: passes back to back while there is work, a short wait when the
/// outboxes are empty or only hold items not yet due. One REST key's rate gate is shared by all outputs using it.
/// </summary>
internal sealed class DeliveryWorker(
    BrazeOutputs outputs,
    IDeliveryStore store,
    IInboxStore inbox,
    IProfileStore profiles,
    BrazeDeliveryMetrics metrics,
    TimeProvider time,
    ILogger<DeliveryWorker> logger,
    System.Diagnostics.Metrics.IMeterFactory meters) : BackgroundService
{
    public const string OutboxMeterName = "Switchyard.Outbox";

    // Items waiting per output, read when /metrics is scraped.
    private readonly System.Diagnostics.Metrics.ObservableGauge<long> _queued = meters.Create(new System.Diagnostics.Metrics.MeterOptions(OutboxMeterName)).CreateObservableGauge(
        "switchyard.outbox.items_queued",
        () => outputs.All.Select(o => new System.Diagnostics.Metrics.Measurement<long>(store.CountQueued(o.Id), new KeyValuePair<string, object?>("output", o.Id))),
        "{item}",
        "Outbox items waiting to be delivered.");

    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outputs.All.Count == 0)
        {
            return;
        }

        var gates = new BrazeRateGates(time);
        var clients = new List<HttpClient>();
        var engines = new List<BrazeDelivery>();
        foreach (var (id, settings) in outputs.All)
        {
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            clients.Add(http);
            engines.Add(new BrazeDelivery(id, settings, store, inbox, profiles, new BrazeTrackClient(http, settings, time), gates, time, new BrazeDeliveryOptions(), metrics));
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var settled = 0;
                foreach (var engine in engines)
                {
                    try
                    {
                        settled += await engine.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Nothing was settled for the failed pass; its items are claimed again after a pause.
                        Log.DeliveryFailed(logger, e);
                        await Task.Delay(ErrorBackoff, stoppingToken).ConfigureAwait(false);
                    }
                }

                if (settled == 0)
                {
                    await Task.Delay(IdleWait, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
