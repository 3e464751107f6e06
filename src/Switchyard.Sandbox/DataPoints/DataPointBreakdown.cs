namespace Switchyard.Sandbox.DataPoints;

/// <summary>Wire form of one ledger row.</summary>
internal sealed record DataPointBreakdown(long CustomAttributes, long ProfileAttributes, long Events, long Purchases, long Total);
