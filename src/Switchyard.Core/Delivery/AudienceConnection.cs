namespace Switchyard.Core.Delivery;

/// <summary>
/// One audience connected to one audience output (a Braze audience output): while active, the audience's membership
/// changes are sent to that output as user attributes. Deactivating or deleting it sends nothing (the seed's rule).
/// </summary>
public sealed record AudienceConnection(string OutputId, int AudienceId, bool Active, long CreatedAtMs, long UpdatedAtMs);
