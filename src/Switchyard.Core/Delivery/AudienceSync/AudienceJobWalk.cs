namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>What a job's current phase walks.</summary>
internal enum AudienceJobWalk
{
    /// <summary>The audience's current members (a sync's phase 0).</summary>
    Members,

    /// <summary>The users the output's ledger holds this audience's attributes for (a sync's phase 1, a whole clean-up).</summary>
    LedgerUsers,
}
