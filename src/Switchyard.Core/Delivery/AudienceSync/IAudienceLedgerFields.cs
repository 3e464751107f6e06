namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// How an audience output records an audience in its last-sent ledger, so a job can find the users who have that
/// audience's attributes at the output. The output type defines the fields (Braze: the array element, the per-audience
/// attribute and the <c>SegmentMembership</c> string).
/// </summary>
public interface IAudienceLedgerFields
{
    /// <summary>The ledger fields that show the audience's attributes at the output.</summary>
    LedgerMatch Mentions(int audienceId);
}
