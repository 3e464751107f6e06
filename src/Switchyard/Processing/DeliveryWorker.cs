using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Hosting;

namespace Switchyard.Processing;

/// <summary>
/// Runs every output of the workspace, whatever its type, in a delivery engine and a loop of its own: passes back to
/// back while the output has work, a short wait when its outbox is empty or only holds items not yet due. A 429 pause,
/// an outage or a request that hangs holds up only its own output (conventions.md: no sequential loop over independent
/// things). What outputs share is what their destinations limit (<see cref="RateGates"/>): one Braze REST key's gate is
/// used by every output with that key. The worker names no output type: each builds its sender from its settings.
/// </summary>
internal sealed class DeliveryWorker(
    DeliveryOutputs outputs,
    IDeliveryStore store,
    DeliveryMetrics metrics,
    IHttpClientFactory httpClients,
    IServiceProvider services,
    TimeProvider time,
    ILogger<DeliveryWorker> logger,
    ILoggerFactory loggers,
    System.Diagnostics.Metrics.IMeterFactory meters,
    DeliveryPasses passes,
    BacklogMetrics backlog,
    Core.Partitions.NodePartitions partitions) : BackgroundService
{
    public const string OutboxMeterName = "Switchyard.Outbox";

    // Items waiting per output, as the backlog sampler last read them.
    private readonly System.Diagnostics.Metrics.ObservableGauge<long> _queued = meters.Create(new System.Diagnostics.Metrics.MeterOptions(OutboxMeterName)).CreateObservableGauge(
        "switchyard.outbox.items_queued",
        () => outputs.Ids
            .Select(id => new System.Diagnostics.Metrics.Measurement<long>(backlog.QueuedAt(id), new KeyValuePair<string, object?>("output", id))),
        "{item}",
        "Outbox items waiting to be delivered.");

    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var engineLogger = loggers.CreateLogger("Switchyard.Delivery");
        var options = new DeliveryOptions
        {
            AfterAcknowledged = CrashPoint.FromEnvironment(),
            HeldPartitions = partitions.Shared ? partitions.TrustedPartitions : null,
        };
        var running = new Dictionary<string, RunningOutput>(StringComparer.Ordinal);

        // Outputs created, changed or deleted through the admin API: the loops are matched to the list again.
        var changed = System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });
        void OnChanged() => changed.Writer.TryWrite(true);
        outputs.Changed += OnChanged;
        try
        {
            var initial = true;
            while (!stoppingToken.IsCancellationRequested)
            {
                await MatchAsync(running, options, engineLogger, initial, stoppingToken).ConfigureAwait(false);
                initial = false;
                await changed.Reader.ReadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            outputs.Changed -= OnChanged;
            foreach (var output in running.Values)
            {
                await output.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stops the loop of each output that is gone or whose definition changed (its queued items stay queued), and starts
    /// one for each output without a loop. A loop stops between requests as it does at shutdown: what it had claimed and
    /// not settled is claimed again by the next loop of that output.
    /// </summary>
    private async Task MatchAsync(Dictionary<string, RunningOutput> running, DeliveryOptions options, ILogger engineLogger, bool initial, CancellationToken stoppingToken)
    {
        var wanted = outputs.All;
        foreach (var (id, loop) in running.ToList())
        {
            if (!wanted.Any(o => o.Id == id && o.Definition == loop.Output.Definition))
            {
                await loop.StopAsync().ConfigureAwait(false);
                running.Remove(id);
                Log.OutputLoopStopped(logger, id, await store.CountQueuedAsync(id, stoppingToken).ConfigureAwait(false));
            }
        }

        foreach (var output in wanted.Where(o => !running.ContainsKey(o.Id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var clients = new List<HttpClient>();
            var setup = new OutputSetup(output.Id, output.Settings, services, options, name =>
            {
                var http = httpClients.CreateClient(name);
                clients.Add(http);
                return http;
            });
            var engineOptions = options with { MaxInFlight = output.Definition.MaxInFlight ?? DeliveryOptions.DefaultMaxInFlight };
            var engine = new DeliveryEngine(output.Id, output.Type.CreateSender(setup), store, time, engineOptions, metrics, engineLogger);
            running[output.Id] = new RunningOutput(output, stop, RunOutputAsync(output.Id, engine.RunOnceAsync, stop.Token), clients);
            if (!initial)
            {
                Log.OutputLoopStarted(logger, output.Id);
            }
        }
    }

    /// <summary>One output's running loop, with what stops it and the HTTP clients its sender took.</summary>
    private sealed record RunningOutput(ConfiguredOutput Output, CancellationTokenSource Stop, Task Loop, List<HttpClient> Clients)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync().ConfigureAwait(false);
            await Loop.ConfigureAwait(false);
            Clients.ForEach(c => c.Dispose());
            Stop.Dispose();
        }
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
