namespace Switchyard.Core.Processing;

/// <summary>How the processor resolves identities and how much event history a profile keeps.</summary>
public sealed record ProcessingSettings
{
    /// <summary>
    /// Identity wire names (reference/mparticle.md §1.5) that name exactly one user, highest priority first. A batch
    /// carrying one of them that is already linked is that user; see <see cref="BatchProcessor"/> for conflicts.
    /// </summary>
    public IReadOnlyList<string> UniqueIdentities { get; init; } = ["customer_id", "email"];

    /// <summary>Event occurrences older than this are dropped (real-time audiences look back about 30 days, §6).</summary>
    public TimeSpan EventRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Occurrences kept per event key; the oldest go first. Counts and first/last times are kept regardless.</summary>
    public int MaxOccurrencesPerEventKey { get; init; } = 1000;

    /// <summary>
    /// Distinct event keys a profile keeps. A client that sends ever-new event names must not grow a profile without
    /// bound (every batch reads and writes the whole profile), so beyond this the key seen least recently is dropped.
    /// </summary>
    public int MaxEventKeysPerProfile { get; init; } = 300;
}
