namespace Switchyard.Core.Processing;

/// <summary>
/// What processing has done since the store was created, kept in the store with the processing it counts (so the
/// totals survive restarts and a chunk done again after a crash is not counted twice).
/// </summary>
public sealed record ProcessingTotals
{
    public static readonly ProcessingTotals Zero = new();

    public long Batches { get; init; }

    public long Events { get; init; }

    public long ProfilesCreated { get; init; }

    public long Conflicts { get; init; }

    /// <summary>Batches that could not be read again from the inbox (the parsing rules changed since they were accepted).</summary>
    public long Unreadable { get; init; }

    /// <summary>Batches passed over because processing them failed on their own (they stay in the inbox).</summary>
    public long Failed { get; init; }

    public long MembershipChanges { get; init; }

    /// <summary>Outbox items not queued because echo suppression kept a Braze feed's batch from its own Braze workspace.</summary>
    public long EchoSuppressed { get; init; }

    public bool IsZero => this == Zero;

    public ProcessingTotals Plus(ProcessingTotals other) => new()
    {
        Batches = Batches + other.Batches,
        Events = Events + other.Events,
        ProfilesCreated = ProfilesCreated + other.ProfilesCreated,
        Conflicts = Conflicts + other.Conflicts,
        Unreadable = Unreadable + other.Unreadable,
        Failed = Failed + other.Failed,
        MembershipChanges = MembershipChanges + other.MembershipChanges,
        EchoSuppressed = EchoSuppressed + other.EchoSuppressed,
    };

    /// <summary>The counters by stable name, as providers store them.</summary>
    public IEnumerable<(string Name, long Value)> Named() =>
    [
        ("batches", Batches), ("events", Events), ("profiles_created", ProfilesCreated), ("conflicts", Conflicts),
        ("unreadable", Unreadable), ("failed", Failed), ("membership_changes", MembershipChanges), ("echo_suppressed", EchoSuppressed),
    ];

    /// <summary>Totals from stored counters; names this version does not know are ignored.</summary>
    public static ProcessingTotals FromNamed(IEnumerable<(string Name, long Value)> counters)
    {
        var totals = Zero;
        foreach (var (name, value) in counters)
        {
            totals = name switch
            {
                "batches" => totals with { Batches = value },
                "events" => totals with { Events = value },
                "profiles_created" => totals with { ProfilesCreated = value },
                "conflicts" => totals with { Conflicts = value },
                "unreadable" => totals with { Unreadable = value },
                "failed" => totals with { Failed = value },
                "membership_changes" => totals with { MembershipChanges = value },
                "echo_suppressed" => totals with { EchoSuppressed = value },
                _ => totals,
            };
        }

        return totals;
    }
}
