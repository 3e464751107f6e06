namespace Switchyard.Braze.Audiences;

/// <summary>Why a user's audience items were acknowledged without a request; the metric's <c>reason</c> tag.</summary>
internal enum AudienceSkipReason
{
    /// <summary>Braze updates only users with an <c>external_id</c> (reference/mparticle.md §3).</summary>
    NoExternalId,
}
