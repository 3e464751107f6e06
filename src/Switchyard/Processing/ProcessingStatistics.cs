using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;

namespace Switchyard.Processing;

/// <summary>
/// The processing totals the admin API shows: read from the store once (<see cref="ReadAsync"/>, before this process
/// commits anything), then kept current with what each committed session added (<see cref="IProfileSession.AddToTotals"/>), so
/// they count since the store was created, across restarts, and no commit is counted twice.
/// </summary>
internal sealed class ProcessingStatistics
{
    private readonly Lock _gate = new();
    private ProcessingTotals _totals;
    private long _fenced;

    private ProcessingStatistics(ProcessingTotals totals) => _totals = totals;

    /// <summary>Starts from the totals the store has committed.</summary>
    public static async Task<ProcessingStatistics> ReadAsync(IProfileStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ProcessingStatistics(await store.ReadTotalsAsync(cancellationToken).ConfigureAwait(false));
    }

    public ProcessingTotals Totals
    {
        get
        {
            lock (_gate)
            {
                return _totals;
            }
        }
    }

    public long Batches => Totals.Batches;

    public long Events => Totals.Events;

    /// <summary>Batches passed over because processing them failed (they stay in the inbox).</summary>
    public long Failed => Totals.Failed;

    /// <summary>
    /// Chunk commits of this process refused since it started because another node had taken a partition over
    /// (counted, not applied); zero on a node alone on its store.
    /// </summary>
    public long FencedCommits => Interlocked.Read(ref _fenced);

    /// <summary>Counts one refused (fenced) commit.</summary>
    public void Fenced() => Interlocked.Increment(ref _fenced);

    /// <summary>Call after the session that added <paramref name="delta"/> committed.</summary>
    public void Committed(ProcessingTotals delta)
    {
        lock (_gate)
        {
            _totals = _totals.Plus(delta);
        }
    }
}
