using Switchyard.Core.Audiences;
using Switchyard.Core.Profiles;

namespace Switchyard.Console.Audiences;

/// <summary>
/// Audience sizes over time for the console's chart, sampled in memory (bounded per audience, lost on restart: the
/// membership log, not this, is the record of who joined when).
/// </summary>
internal sealed class AudienceSizeHistory(IAudienceStore audiences, IProfileStore profiles, TimeProvider time)
{
    /// <summary>Two hours at one sample every 30 seconds.</summary>
    public const int Length = 240;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, Queue<SizePoint>> _points = [];

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = (await audiences.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Id).ToHashSet();
        var sizes = new Dictionary<int, long>(ids.Count);
        foreach (var id in ids)
        {
            sizes[id] = await profiles.CountMembersAsync(id, cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            foreach (var gone in _points.Keys.Where(id => !ids.Contains(id)).ToList())
            {
                _points.Remove(gone);
            }

            foreach (var (id, size) in sizes)
            {
                if (!_points.TryGetValue(id, out var queue))
                {
                    queue = _points[id] = new Queue<SizePoint>();
                }

                queue.Enqueue(new SizePoint(now, size));
                while (queue.Count > Length)
                {
                    queue.Dequeue();
                }
            }
        }
    }

    public IReadOnlyList<SizePoint> Of(int audienceId)
    {
        lock (_lock)
        {
            return _points.TryGetValue(audienceId, out var queue) ? [.. queue] : [];
        }
    }
}
