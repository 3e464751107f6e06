using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Faults;

/// <summary>
/// The active fault rules, oldest first; the first rule that matches a request applies and uses up one count.
/// <see cref="Reset"/> removes every rule (hook for <c>POST /_sandbox/reset</c>).
/// </summary>
internal sealed class FaultSchedule(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private long _nextId;

    public FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            rule.Id = $"fault-{++_nextId}";
            _rules.Add(rule);
            return rule;
        }
    }

    /// <summary>Finds the fault for a request to <paramref name="path"/>, if any, and counts it.</summary>
    public InjectedFault? Take(string? path)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Prune(now);
            var rule = _rules.Find(r => r.Path is null || SandboxPaths.SamePath(r.Path, path));
            if (rule is null)
            {
                return null;
            }

            rule.Applied++;
            if (rule.Remaining is { } remaining)
            {
                rule.Remaining = remaining - 1;
                if (rule.Remaining == 0)
                {
                    _rules.Remove(rule);
                }
            }

            var resetAt = rule.RetryAfterSeconds is { } seconds ? now.AddSeconds(seconds)
                : rule.Until is { } until ? until
                : now.AddSeconds(1);
            return new InjectedFault(rule.Id, rule.Kind, rule.Status, rule.LatencyMs, resetAt);
        }
    }

    /// <summary>Copies of the rules still active, so callers never see a count change under them.</summary>
    public IReadOnlyList<FaultRule> Active()
    {
        lock (_gate)
        {
            Prune(time.GetUtcNow());
            return [.. _rules.Select(Copy)];
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    private void Prune(DateTimeOffset now) => _rules.RemoveAll(r => r.Until is { } until && now >= until);

    private static FaultRule Copy(FaultRule r) => new()
    {
        Id = r.Id,
        Kind = r.Kind,
        Status = r.Status,
        LatencyMs = r.LatencyMs,
        Path = r.Path,
        Remaining = r.Remaining,
        Until = r.Until,
        RetryAfterSeconds = r.RetryAfterSeconds,
        CreatedAt = r.CreatedAt,
        Applied = r.Applied,
    };
}
