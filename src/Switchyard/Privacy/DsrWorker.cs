using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Braze.Client;
using Switchyard.Core.Partitions;
using Switchyard.Core.Privacy;
using Switchyard.Core.Storage;
using Switchyard.Hosting;

namespace Switchyard.Privacy;

/// <summary>
/// Carries out data subject requests, one step at a time (<see cref="DsrStages"/>), each step stored before the next,
/// so a restart goes on where it stopped and a request completes once. Also sends the Braze deletions and the status
/// callbacks. A failing request is logged and tried again on the next pass; it never stops the worker.
/// </summary>
internal sealed partial class DsrWorker(
    DsrService service,
    ISubjectDataStore profiles,
    IInboxStore inbox,
    IInboxEraser inboxEraser,
    BrazeOutputs brazeOutputs,
    TimeProvider time,
    DsrSignal signal,
    Processing.DeliveryPasses deliveryPasses,
    ILogger<DsrWorker> logger,
    NodePartitions partitions) : BackgroundService
{
    private readonly BrazeUserDeleteClient _braze = new(BrazeUserDeleteClient.CreateHttpClient());
    private readonly HttpClient _callbacks = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private IDsrStore Store => service.Store;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // When several nodes share the store, one of them carries requests through (any node takes them in).
                if (partitions.IsCoordinator(time.GetUtcNow()))
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive any one failure; the request is retried on the next pass.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.DsrPassFailed(logger, e);
            }

            try
            {
                await signal.WaitAsync(service.Settings.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: every workable request as far as it can go, then due deletions, then due callbacks.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var request in await Store.ActiveAsync(50, cancellationToken).ConfigureAwait(false))
        {
            if (request.NotBefore > time.GetUtcNow())
            {
                continue;
            }

            var current = request;
            for (var step = 0; step < 8 && current is not null && current.Stage != DsrStages.Done; step++)
            {
                var next = await StepAsync(current, cancellationToken).ConfigureAwait(false);
                if (next is null || next.Stage == current.Stage)
                {
                    break;
                }

                current = next;
            }
        }

        await SendDeletionsAsync(cancellationToken).ConfigureAwait(false);
        await SendCallbacksAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DsrRecord?> StepAsync(DsrRecord r, CancellationToken cancellationToken) => r.Stage switch
    {
        DsrStages.Resolve when r.Type == DsrRequestType.Erasure => await ResolveErasureAsync(r, cancellationToken).ConfigureAwait(false),
        DsrStages.Resolve => await MoveAsync(r, r with { Status = DsrStatus.InProgress, Stage = DsrStages.Collect }, cancellationToken).ConfigureAwait(false),
        DsrStages.Collect => await CollectAsync(r, cancellationToken).ConfigureAwait(false),
        DsrStages.Inbox => await EraseInboxAsync(r, cancellationToken).ConfigureAwait(false),
        DsrStages.Profiles => await EraseProfilesAsync(r, cancellationToken).ConfigureAwait(false),
        DsrStages.Forward => await SweepAsync(r, cancellationToken).ConfigureAwait(false),
        DsrStages.Braze => await CompleteAsync(r, cancellationToken).ConfigureAwait(false),
        _ => null,
    };

    /// <summary>Stores the move with the callbacks a status change causes; null when the request moved on meanwhile (cancelled).</summary>
    private async Task<DsrRecord?> MoveAsync(
        DsrRecord from, DsrRecord to, CancellationToken cancellationToken, IReadOnlyList<DsrDeletion>? deletions = null, string? result = null)
    {
        var callbacks = from.Status != to.Status ? await service.CallbackBodiesAsync(to, cancellationToken).ConfigureAwait(false) : [];
        return await Store.AdvanceAsync(from.Stage, to, callbacks, deletions ?? [], result, cancellationToken).ConfigureAwait(false) ? to : null;
    }

    public override void Dispose()
    {
        _callbacks.Dispose();
        base.Dispose();
    }
}
