namespace Switchyard.Braze.Engine;

/// <summary>
/// What one request that Braze answered adds to the output's ledgers: the attribute fields of each user whose
/// attributes object it delivered, and the ids of the events and purchases it delivered.
/// </summary>
internal sealed record AcknowledgedLedger(
    IReadOnlyDictionary<long, IReadOnlyDictionary<string, string?>> Fields,
    IReadOnlyList<string> EventIds,
    long AtMs)
{
    public bool IsEmpty => EventIds.Count == 0 && Fields.Values.All(f => f.Count == 0);
}
