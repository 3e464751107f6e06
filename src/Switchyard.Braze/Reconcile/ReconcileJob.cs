namespace Switchyard.Braze.Reconcile;

/// <summary>
/// One reconcile run over a set of users of one output, with its progress. Counters only grow; the job is updated by
/// the one task that runs it and read by anyone (the admin API, the sampler).
/// </summary>
public sealed class ReconcileJob(string id, string outputId, string scope, long? total, DateTimeOffset startedAt)
{
    private long _checked;
    private long _drifted;
    private long _repaired;
    private long _skipped;
    private long _exports;
    private long _notFound;

    public string Id { get; } = id;

    public string OutputId { get; } = outputId;

    /// <summary>What was asked for: <c>external_ids</c>, <c>all</c>, <c>audience:&lt;id&gt;</c> or <c>sample</c>.</summary>
    public string Scope { get; } = scope;

    /// <summary>Users to check, when known up front.</summary>
    public long? Total { get; } = total;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public ReconcileJobStatus Status { get; private set; } = ReconcileJobStatus.Running;

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Why the job failed; null otherwise.</summary>
    public string? Error { get; private set; }

    /// <summary>Users compared with Braze (their export read, or an empty ledger that claims nothing).</summary>
    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>Users whose Braze copy differed from the ledger.</summary>
    public long Drifted => Interlocked.Read(ref _drifted);

    /// <summary>Users for whom a repair was queued (their drifted ledger fields expired and an outbox item queued).</summary>
    public long Repaired => Interlocked.Read(ref _repaired);

    /// <summary>Users not checked: no profile, or no <c>external_id</c> to look them up by in Braze.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Requested <c>external_ids</c> that no profile has (nothing Switchyard sent to compare).</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>Export requests sent to Braze.</summary>
    public long Exports => Interlocked.Read(ref _exports);

    internal void CountChecked(long n) => Interlocked.Add(ref _checked, n);

    internal void CountDrifted() => Interlocked.Increment(ref _drifted);

    internal void CountRepaired(long n) => Interlocked.Add(ref _repaired, n);

    internal void CountSkipped(long n) => Interlocked.Add(ref _skipped, n);

    internal void CountNotFound() => Interlocked.Increment(ref _notFound);

    internal void CountExport() => Interlocked.Increment(ref _exports);

    public void Finish(DateTimeOffset at, ReconcileJobStatus status, string? error = null)
    {
        Error = error;
        FinishedAt = at;
        Status = status;
    }
}
