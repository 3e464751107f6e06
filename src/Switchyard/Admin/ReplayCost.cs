namespace Switchyard.Admin;

/// <summary>
/// Braze data points a dead letter's replay would cost, by the sandbox's billing (docs/sandbox.md, "Data points"): one
/// per attribute written, one per event, one per purchased unit (a quantity of 3 costs 3).
/// </summary>
/// <param name="Attributes">Profile and custom attributes the replay would write: those the last-sent ledger does not already hold for Braze.</param>
/// <param name="Events">Events not yet acknowledged by Braze.</param>
/// <param name="Purchases">Purchased units not yet acknowledged by Braze.</param>
internal sealed record ReplayCost(int Attributes, int Events, int Purchases)
{
    public int Total => Attributes + Events + Purchases;
}
