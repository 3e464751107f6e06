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
/// Runs the delivery engine of every Braze output and every Braze audience output: passes back to back while there is work, a short wait when the
/// outboxes are empty or only hold items not yet due. One REST key's rate gate is shared by all outputs using it.
/// </summary>
internal sealed class DeliveryWorker(
    BrazeOutputs outputs,
    AudienceSync.AudienceOutputs audienceOutputs,
    AudienceSync.AudienceLinks links,
    IDeliveryStore store,
    IInboxStore inbox,
    IProfileStore profiles,
    BrazeDeliveryMetrics metrics,
    TimeProvider time,
    ILogger<DeliveryWorker> logger,
    ILoggerFactory loggers,
    System.Diagnostics.Metrics.IMeterFactory meters) : BackgroundService
{
    public const string OutboxMeterName = "Switchyard.Outbox";

    // Items waiting per output, read when /metrics is scraped.
    private readonly System.Diagnostics.Metrics.ObservableGauge<long> _queued = meters.Create(new System.Diagnostics.Metrics.MeterOptions(OutboxMeterName)).CreateObservableGauge(
        "switchyard.outbox.items_queued",
        () => outputs.All.Select(o => o.Id).Concat(audienceOutputs.Ids)
            .Select(id => new System.Diagnostics.Metrics.Measurement<long>(store.CountQueued(id), new KeyValuePair<string, object?>("output", id))),
        "{item}",
        "Outbox items waiting to be delivered.");

    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outputs.All.Count + audienceOutputs.All.Count == 0)
        {
            return;
        }

        var gates = new BrazeRateGates(time);
        var engineLogger = loggers.CreateLogger("Switchyard.Delivery");
        var options = new BrazeDeliveryOptions { AfterAcknowledged = CrashPoint.FromEnvironment() };
        var clients = new List<HttpClient>();
        var engines = new List<Func<CancellationToken, Task<int>>>();
        foreach (var (id, settings) in outputs.All)
        {
            var http = BrazeHttpClients.Create();
            clients.Add(http);
            engines.Add(new BrazeDelivery(id, settings, store, inbox, profiles, new BrazeTrackClient(http, settings, time), gates, time, options, metrics, engineLogger).RunOnceAsync);
        }

        // Audience outputs share the rate gate of their REST key with the event outputs (one Braze limit per key).
        foreach (var (id, settings) in audienceOutputs.All)
        {
            var http = BrazeHttpClients.Create();
            clients.Add(http);
            var outputId = id;
            engines.Add(new BrazeAudienceDelivery(
                id, settings, store, profiles, () => links.Of(outputId), new BrazeTrackClient(http, settings.Connection, time), gates, time, options, metrics, engineLogger).RunOnceAsync);
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
                        settled += await engine(stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Nothing was settled for the failed pass; its items are claimed again after a pause.
                        Log.DeliveryFailed(logger, e);
                        await Task.Delay(ErrorBackoff, time, stoppingToken).ConfigureAwait(false);
                    }
                }

                if (settled == 0)
                {
                    await Task.Delay(IdleWait, time, stoppingToken).ConfigureAwait(false);
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
