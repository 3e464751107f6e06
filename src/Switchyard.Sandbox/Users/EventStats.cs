namespace Switchyard.Sandbox.Users;

/// <summary>What the sandbox keeps of one custom event name: the export's <c>{first, last, count}</c> (§2).</summary>
internal readonly record struct EventStats(DateTimeOffset First, DateTimeOffset Last, long Count)
{
    public EventStats Record(DateTimeOffset time) =>
        new(time < First ? time : First, time > Last ? time : Last, Count + 1);

    public EventStats Combine(EventStats other) =>
        new(other.First < First ? other.First : First, other.Last > Last ? other.Last : Last, Count + other.Count);
}
