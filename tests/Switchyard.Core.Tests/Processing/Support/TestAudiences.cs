using Switchyard.Core.Audiences;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Tests.Processing.Support;

/// <summary>A hand-written audience evaluator: each audience is a predicate over the profile and the time.</summary>
internal sealed class TestAudiences : IAudienceEvaluator
{
    private const long DayMs = 86_400_000;
    private readonly Dictionary<int, Func<Profile, long, bool>> _rules = [];
    private readonly Dictionary<string, HashSet<string>> _needed = new(StringComparer.Ordinal);
    private readonly HashSet<int> _timeDependent = [];

    private readonly Dictionary<int, (string EventKey, int Days)> _windows = [];

    public IReadOnlySet<int> TimeDependentAudiences => _timeDependent;

    public IReadOnlySet<int> RescannedAudiences { get; } = new HashSet<int>();

    /// <summary>Member while the (non-deleted) attribute has this text.</summary>
    public TestAudiences AttributeEquals(int id, string name, string value)
    {
        _rules[id] = (p, _) => p.Attributes.TryGetValue(name, out var a) && !a.Deleted && a.Text == value;
        return this;
    }

    /// <summary>Member while an occurrence of the event key lies within the last <paramref name="days"/> days.</summary>
    public TestAudiences EventWithin(int id, string eventKey, int days)
    {
        _rules[id] = (p, now) => p.Events.TryGetValue(eventKey, out var s) && s.Recent.Any(o => o.AtMs >= now - (days * DayMs));
        _timeDependent.Add(id);
        _windows[id] = (eventKey, days);
        return this;
    }

    /// <summary>Member when an occurrence of the event key has the attribute value; the recorder must keep that attribute.</summary>
    public TestAudiences EventWithAttribute(int id, string eventKey, string attribute, string value)
    {
        _rules[id] = (p, _) => p.Events.TryGetValue(eventKey, out var s)
            && s.Recent.Any(o => o.Attributes is { } a && a.TryGetValue(attribute, out var v) && v == value);
        if (!_needed.TryGetValue(eventKey, out var names))
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            _needed[eventKey] = names;
        }

        names.Add(attribute);
        return this;
    }

    public IReadOnlySet<int> Evaluate(Profile profile, long nowMs) =>
        _rules.Where(r => r.Value(profile, nowMs)).Select(r => r.Key).ToHashSet();

    /// <summary>When the oldest occurrence still inside a window leaves it.</summary>
    public long NextChangeMs(Profile profile, long nowMs)
    {
        var next = long.MaxValue;
        foreach (var (key, days) in _windows.Values)
        {
            if (profile.Events.TryGetValue(key, out var stats))
            {
                foreach (var occurrence in stats.Recent)
                {
                    var leaves = occurrence.AtMs + (days * DayMs) + 1;
                    if (leaves > nowMs)
                    {
                        next = Math.Min(next, leaves);
                    }
                }
            }
        }

        return next;
    }

    public IReadOnlySet<string> EventAttributesNeeded(string eventKey) =>
        _needed.TryGetValue(eventKey, out var names) ? names : new HashSet<string>();
}
