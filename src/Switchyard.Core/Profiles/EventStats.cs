namespace Switchyard.Core.Profiles;

/// <summary>
/// One event key's history on a profile (<see cref="EventKeys"/>): first and last occurrence, the all-time count, and
/// each occurrence inside the retention window with the attributes audience criteria ask for. Occurrences are
/// bounded: older than the retention, or beyond the cap per key (oldest dropped), they are forgotten.
/// </summary>
public sealed class EventStats
{
    public long FirstMs { get; set; }

    public long LastMs { get; set; }

    public long TotalCount { get; set; }

    /// <summary>Oldest first.</summary>
    public List<EventOccurrence> Recent { get; set; } = [];
}
