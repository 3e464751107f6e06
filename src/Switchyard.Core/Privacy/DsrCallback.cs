namespace Switchyard.Core.Privacy;

/// <summary>A status callback waiting to be posted: the status object as it was at the change, to one URL.</summary>
public sealed record DsrCallback(long Id, string RequestId, string Url, string Body, int Attempts);
