namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// An audience connected to an output, as delivery sees it: active when the connection is active and the audience
/// exists. A deleted audience has no name any more (empty) and counts as inactive.
/// </summary>
public sealed record ConnectedAudience(int AudienceId, string ExternalName, bool Active);
