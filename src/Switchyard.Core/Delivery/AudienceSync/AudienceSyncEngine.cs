using Microsoft.Extensions.Logging;

namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// Turns audience membership into outbox items for each audience output: it follows the membership log (one item per
/// user whose membership of an active connected audience changed) and walks the running jobs a chunk at a time
/// (<see cref="AudienceJobSteps"/>). A chunk's items and the moved position commit together, so a restart neither loses
/// nor repeats a chunk. Jobs pause while the output's outbox holds <see cref="AudienceSyncOptions.MaxQueuedForJobs"/>
/// items, so a large initial sync is paced by delivery instead of flooding the outbox; real-time changes are never held back.
/// </summary>
public sealed partial class AudienceSyncEngine
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<string> _outputIds;
    private readonly IAudienceSyncStore _sync;
    private readonly Profiles.IProfileStore _profiles;
    private readonly IDeliveryStore _delivery;
    private readonly ConnectedAudiences _connected;
    private readonly IAudienceLedgerFields _ledger;
    private readonly AudienceSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="outputIds">The audience outputs; they are set in the workspace file, so they do not change while this runs.</param>
    public AudienceSyncEngine(
        IReadOnlyList<string> outputIds,
        IAudienceSyncStore sync,
        Profiles.IProfileStore profiles,
        IDeliveryStore delivery,
        ConnectedAudiences connected,
        IAudienceLedgerFields ledger,
        AudienceSyncOptions options,
        TimeProvider time,
        ILogger<AudienceSyncEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(outputIds);
        ArgumentNullException.ThrowIfNull(options);
        _outputIds = [.. outputIds];
        _sync = sync ?? throw new ArgumentNullException(nameof(sync));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _delivery = delivery ?? throw new ArgumentNullException(nameof(delivery));
        _connected = connected ?? throw new ArgumentNullException(nameof(connected));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _options = options.Validated();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs rounds until stopped; a failed round is logged and tried again after a pause.</summary>
    public Task RunAsync(CancellationToken stoppingToken) => RunAsync(() => true, stoppingToken);

    /// <summary>
    /// As <see cref="RunAsync(CancellationToken)"/>, but a round runs only while <paramref name="active"/> says so: when
    /// several nodes share the store, one of them follows the log and walks the jobs (a round on two nodes at once would
    /// queue the same changes twice); the others wait and ask again.
    /// </summary>
    public async Task RunAsync(Func<bool> active, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (_outputIds.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int work;
            try
            {
                work = active() ? await RunOnceAsync(stoppingToken).ConfigureAwait(false) : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AudienceSyncFailed(_logger, e);
                await Task.Delay(ErrorBackoff, _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (work == 0)
            {
                await Task.Delay(IdleWait, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One round over every audience output; returns how many log entries and job users it walked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var work = 0;
        foreach (var outputId in _outputIds)
        {
            work += await FollowLogAsync(outputId, cancellationToken).ConfigureAwait(false);
            work += await AdvanceJobsAsync(outputId, cancellationToken).ConfigureAwait(false);
        }

        return work;
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static List<OutboxEntry> Entries(string outputId, IEnumerable<long> mpids, string payload, long nowMs) =>
        [.. mpids.Select(mpid => new OutboxEntry(outputId, mpid, payload, nowMs))];
}
