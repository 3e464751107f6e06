using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Storage;

namespace Switchyard.Processing;

/// <summary>
/// On a processing node, turns the storage's cross-node wake-ups (<see cref="IInboxWakeups"/>) into
/// <see cref="ProcessingSignal.Notify"/>, so every partition lane looks at the inbox when another node has appended to
/// it. The lanes' idle poll stays behind it: a storage without wake-ups (SQLite, whose appends signal in-process, or
/// PostgreSQL with notifications off) and a lost notification only cost the rest of a poll interval.
/// </summary>
internal sealed class InboxWakeupWorker : BackgroundService
{
    private readonly IInboxWakeups? _wakeups;
    private readonly ProcessingSignal _signal;
    private readonly bool _pollOnly;
    private readonly ILogger<InboxWakeupWorker> _logger;

    /// <param name="pollOnly">True when the storage could wake processing but was told not to (the message says so).</param>
    public InboxWakeupWorker(ProcessingSignal signal, ILogger<InboxWakeupWorker> logger, bool pollOnly, IInboxWakeups? wakeups = null)
    {
        _signal = signal;
        _logger = logger;
        _pollOnly = pollOnly;
        _wakeups = wakeups;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_wakeups is null)
        {
            if (_pollOnly)
            {
                Log.WakeupsOff(_logger, ProcessorWorker.IdleWait);
            }

            return;
        }

        try
        {
            await _wakeups.ListenAsync(_signal.Notify, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Listening is an optimisation: a fault in it must not stop the node, which still polls.
            Log.WakeupsFailed(_logger, e);
        }
    }
}
