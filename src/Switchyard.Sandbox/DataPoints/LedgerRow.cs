namespace Switchyard.Sandbox.DataPoints;

/// <summary>One REST key's totals, as persisted.</summary>
internal sealed record LedgerRow(LedgerKey Key, DataPointTally Totals);
