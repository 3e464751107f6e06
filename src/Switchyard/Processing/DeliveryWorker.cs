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
/// Runs the delivery engine of every Braze output and every Braze audience output, each in a loop of its own: passes
/// back to back while the output has work, a short wait when its outbox is empty or only holds items not yet due. A
/// 429 pause, an outage or a request that hangs holds up only its own output (conventions.md: no sequential loop over
/// independent things). What outputs share is what Braze limits: one REST key's rate gate, used by every output with
/// that key.
/// </summary>
internal sealed class DeliveryWorker(
    BrazeOutputs outputs,
    AudienceSync.AudienceOutputs audienceOutputs,
    AudienceSync.AudienceLinks links,
    IDeliveryStore store,
    IInboxStore inbox,
    IProfileStore profiles,
    BrazeDeliveryMetrics metrics,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<DeliveryWorker> logger,
    ILoggerFactory loggers,
    System.Diagnostics.Metrics.IMeterFactory meters,
    DeliveryPasses passes) : BackgroundService
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
        var gates = new BrazeRateGates(time);
        var engineLogger = loggers.CreateLogger("Switchyard.Delivery");
        var options = new BrazeDeliveryOptions { AfterAcknowledged = CrashPoint.FromEnvironment() };
        var clients = new List<HttpClient>();
        var loops = new List<Task>();
        try
        {
            foreach (var (id, settings) in outputs.All)
            {
                var http = NewClient(clients);
                var engine = new BrazeDelivery(id, settings, store, inbox, profiles, new BrazeTrackClient(http, settings, time), gates, time, options, metrics, engineLogger);
                loops.Add(RunOutputAsync(id, engine.RunOnceAsync, stoppingToken));
            }

            // Audience outputs share the rate gate of their REST key with the event outputs (one Braze limit per key).
            foreach (var (id, settings) in audienceOutputs.All)
            {
                var http = NewClient(clients);
                var outputId = id;
                var engine = new BrazeAudienceDelivery(
                    id, settings, store, profiles, () => links.Of(outputId), new BrazeTrackClient(http, settings.Connection, time), gates, time, options, metrics, engineLogger);
                loops.Add(RunOutputAsync(id, engine.RunOnceAsync, stoppingToken));
            }

            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private HttpClient NewClient(List<HttpClient> clients)
    {
        var http = httpClients.CreateClient(BrazeHttpClients.Name);
        clients.Add(http);
        return http;
    }

    /// <summary>
    /// One output's loop, started on the thread pool: store calls are synchronous, so an output whose pass blocks (a
    /// busy store, a slow read) must not hold up the start of the others.
    /// </summary>
    private Task RunOutputAsync(string outputId, Func<CancellationToken, Task<int>> runOnce, CancellationToken stoppingToken) => Task.Run(
        async () =>
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    int settled;
                    var pass = passes.Begin();
                    try
                    {
                        settled = await runOnce(stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Nothing was settled for the failed pass; its items are claimed again after a pause.
                        Log.DeliveryFailed(logger, outputId, e);
                        passes.End(pass);
                        await Task.Delay(ErrorBackoff, time, stoppingToken).ConfigureAwait(false);
                        continue;
                    }
                    catch (OperationCanceledException)
                    {
                        passes.End(pass);
                        throw;
                    }

                    passes.End(pass);

                    if (settled == 0)
                    {
                        await Task.Delay(IdleWait, time, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        },
        CancellationToken.None);
}
