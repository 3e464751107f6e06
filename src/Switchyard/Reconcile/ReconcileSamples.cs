using System.Collections.Concurrent;
using Switchyard.Braze.Reconcile;

namespace Switchyard.Reconcile;

/// <summary>The sampling job of each output that has the schedule on, shown by the admin API as job <c>sample</c>.</summary>
internal sealed class ReconcileSamples
{
    private readonly ConcurrentDictionary<string, ReconcileJob> _jobs = new(StringComparer.Ordinal);

    public ReconcileJob Start(string outputId, DateTimeOffset now) => _jobs[outputId] = new ReconcileJob("sample", outputId, "sample", null, now);

    public ReconcileJob? Of(string outputId) => _jobs.GetValueOrDefault(outputId);
}
