using System.Globalization;
using Switchyard.Braze.Audiences;
using Switchyard.Core.Delivery;

namespace Switchyard.Braze.Engine;

/// <summary>What the audience engine's last-sent ledger says about one audience, for hosts that walk the ledger.</summary>
public static class BrazeAudienceLedger
{
    /// <summary>
    /// The ledger fields that show an audience's attributes at the output: its array element, its per-segment
    /// attribute, or its id in the <c>SegmentMembership</c> string last sent.
    /// </summary>
    public static LedgerMatch Mentions(int audienceId) => new(
        [AudienceLedger.ArrayMember(audienceId), AudienceLedger.PerSegment(audienceId)],
        AudienceLedger.MembershipString,
        audienceId.ToString(CultureInfo.InvariantCulture));
}
