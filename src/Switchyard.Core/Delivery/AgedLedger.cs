namespace Switchyard.Core.Delivery;

/// <summary>
/// One user's last-sent ledger at one output with the age of its entries judged: <see cref="Fields"/> holds every
/// field (field → fingerprint), <see cref="Stale"/> those whose acknowledgement is older than the output's ledger age
/// limit (or has no time, from before acknowledgement times were kept). A stale field still says what was sent, so a
/// removal or clean-up can be planned from it, but it no longer proves that Braze still has it.
/// </summary>
public sealed record AgedLedger(IReadOnlyDictionary<string, string> Fields, IReadOnlySet<string> Stale)
{
    /// <summary>Whether Braze is taken to still have <paramref name="value"/> in <paramref name="field"/>: recorded, equal and fresh.</summary>
    public bool Holds(string field, string value) =>
        Fields.TryGetValue(field, out var sent) && sent == value && !Stale.Contains(field);
}
