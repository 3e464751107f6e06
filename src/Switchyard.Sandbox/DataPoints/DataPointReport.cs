namespace Switchyard.Sandbox.DataPoints;

/// <summary>Answer of <c>GET /_sandbox/datapoints</c>: the sum and the breakdown per REST key.</summary>
internal sealed record DataPointReport(DataPointBreakdown Total, IReadOnlyDictionary<string, DataPointBreakdown> Keys);
