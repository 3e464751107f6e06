using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.Braze.Engine;

/// <summary>The Braze audience engine's ledger fields of an audience (<see cref="BrazeAudienceLedger.Mentions"/>), for audience sync.</summary>
public sealed class BrazeAudienceLedgerFields : IAudienceLedgerFields
{
    public LedgerMatch Mentions(int audienceId) => BrazeAudienceLedger.Mentions(audienceId);
}
