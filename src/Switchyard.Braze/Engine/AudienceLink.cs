namespace Switchyard.Braze.Engine;

/// <summary>
/// One audience connected to a Braze audience output, as the host stores the connection. The engine reads the links
/// afresh each pass, so a rename or deactivation takes effect at the next pass.
/// </summary>
/// <param name="AudienceId">The audience id, the value of <c>SegmentMembership</c> and <c>SegmentMembershipArray</c>.</param>
/// <param name="ExternalName">The audience's external name: the per-segment attribute is <c>In &lt;ExternalName&gt;</c>.</param>
/// <param name="Active">An inactive connection leaves Braze as it is: its attributes are neither updated nor removed.</param>
public sealed record AudienceLink(int AudienceId, string ExternalName, bool Active);
