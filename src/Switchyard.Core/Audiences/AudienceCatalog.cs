using System.Collections.Frozen;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>
/// The compiled audiences the processor evaluates profiles against. Immutable and safe to share; rebuild it when a
/// definition changes (<see cref="IAudienceStore.Version"/>).
/// </summary>
public sealed class AudienceCatalog : IAudienceEvaluator
{
    private readonly CompiledAudience[] _plain;
    private readonly CompiledAudience[] _nested;
    private readonly CriterionNode[] _timed;
    private readonly FrozenDictionary<string, FrozenSet<string>> _attributesByKey;
    private readonly FrozenDictionary<string, FrozenSet<string>>.AlternateLookup<ReadOnlySpan<char>> _attributesByTypeSpan;

    private AudienceCatalog(
        IReadOnlyList<AudienceDefinition> definitions,
        CompiledAudience[] plain,
        CompiledAudience[] nested,
        FrozenDictionary<string, FrozenSet<string>> attributesByKey,
        FrozenDictionary<string, FrozenSet<string>> attributesByType,
        FrozenSet<int> timeDependent,
        FrozenSet<int> rescanned,
        CriterionNode[] timed)
    {
        RescannedAudiences = rescanned;
        _timed = timed;
        Definitions = definitions;
        _plain = plain;
        _nested = nested;
        _attributesByKey = attributesByKey;
        _attributesByTypeSpan = attributesByType.GetAlternateLookup<ReadOnlySpan<char>>();
        TimeDependentAudiences = timeDependent;
    }

    public IReadOnlyList<AudienceDefinition> Definitions { get; }

    /// <summary>Audiences with a rolling window, or a date range (without a clock every range counts; see <see cref="Create(IEnumerable{AudienceDefinition}, long)"/>).</summary>
    public IReadOnlySet<int> TimeDependentAudiences { get; }

    public IReadOnlySet<int> RescannedAudiences { get; }

    /// <summary>Compiles valid definitions; throws <see cref="ArgumentException"/> listing the errors otherwise.</summary>
    public static AudienceCatalog Create(IEnumerable<AudienceDefinition> definitions) => Create(definitions, long.MinValue);

    /// <summary>
    /// As <see cref="Create(IEnumerable{AudienceDefinition})"/>, leaving out of <see cref="TimeDependentAudiences"/>
    /// the audiences whose date ranges have all ended by <paramref name="nowMs"/>.
    /// </summary>
    public static AudienceCatalog Create(IEnumerable<AudienceDefinition> definitions, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var list = definitions.ToList();
        var compiled = list.Select(CriterionCompiler.Compile).ToList();
        var errors = AudienceSetRules.Check(list, compiled);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid audience definitions: " + string.Join("; ", errors), nameof(definitions));
        }

        var plain = new List<CompiledAudience>();
        var nested = new List<CompiledAudience>();
        var timeDependent = new HashSet<int>();
        var rescanned = new HashSet<int>();
        var timed = new List<CriterionNode>();
        var byKey = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var byType = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var compiler = compiled[i];
            var audience = new CompiledAudience(list[i].Id, compiler.Root!);
            (compiler.MemberOf.Count == 0 ? plain : nested).Add(audience);
            if (compiler.UsesRollingWindow || compiler.LatestRangeEndMs > nowMs)
            {
                timeDependent.Add(audience.Id);
            }

            if (compiler.UsesRollingWindow)
            {
                timed.Add(audience.Criteria);
            }

            if (compiler.LatestRangeEndMs > nowMs)
            {
                rescanned.Add(audience.Id);
            }

            foreach (var need in compiler.EventAttributes)
            {
                var target = need.ExactKey is null ? byType : byKey;
                var key = need.ExactKey ?? need.KeyType;
                if (!target.TryGetValue(key, out var names))
                {
                    target[key] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.Add(need.Attribute);
            }
        }

        // Membership of a time-dependent audience changes with time, so the audiences that read it do too.
        for (var i = 0; i < list.Count; i++)
        {
            if (compiled[i].MemberOf.Exists(reference => timeDependent.Contains(reference.AudienceId)))
            {
                timeDependent.Add(list[i].Id);
            }

            // Its members change when the referenced audience's do, which the rescan or the index already catches.
            if (compiled[i].MemberOf.Exists(reference => rescanned.Contains(reference.AudienceId)))
            {
                rescanned.Add(list[i].Id);
            }
        }

        // An exact key also needs what criteria on its whole type read, so one lookup answers for it.
        foreach (var (key, names) in byKey)
        {
            if (byType.TryGetValue(EventKeys.TypeOf(key), out var typeNames))
            {
                names.UnionWith(typeNames);
            }
        }

        return new AudienceCatalog(
            list,
            [.. plain],
            [.. nested],
            byKey.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal),
            byType.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal),
            timeDependent.ToFrozenSet(),
            rescanned.ToFrozenSet(),
            [.. timed]);
    }

    /// <summary>
    /// The earliest time after <paramref name="nowMs"/> at which a rolling window or relative date in any audience could
    /// turn for this profile. An audience using member_of changes when the one it reads does, which is already here.
    /// </summary>
    public long NextChangeMs(Profile profile, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var next = long.MaxValue;
        foreach (var criteria in _timed)
        {
            next = Math.Min(next, criteria.NextChangeMs(profile, nowMs));
        }

        return next;
    }

    /// <summary>
    /// Audiences without member_of first, then those with it, so membership reads this evaluation's answer for the
    /// referenced audience rather than the profile's last recorded one.
    /// </summary>
    public IReadOnlySet<int> Evaluate(Profile profile, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var members = new HashSet<int>();
        foreach (var audience in _plain)
        {
            if (audience.Criteria.Matches(profile, nowMs, members))
            {
                members.Add(audience.Id);
            }
        }

        foreach (var audience in _nested)
        {
            if (audience.Criteria.Matches(profile, nowMs, members))
            {
                members.Add(audience.Id);
            }
        }

        return members;
    }

    public IReadOnlySet<string> EventAttributesNeeded(string eventKey)
    {
        ArgumentNullException.ThrowIfNull(eventKey);
        if (_attributesByKey.TryGetValue(eventKey, out var names))
        {
            return names;
        }

        var colon = eventKey.IndexOf(':', StringComparison.Ordinal);
        var type = colon < 0 ? eventKey.AsSpan() : eventKey.AsSpan(0, colon);
        return _attributesByTypeSpan.TryGetValue(type, out names) ? names : FrozenSet<string>.Empty;
    }
}
