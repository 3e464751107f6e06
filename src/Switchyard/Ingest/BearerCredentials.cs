namespace Switchyard.Ingest;

/// <summary>Whether a route takes <c>Authorization: Bearer key:secret</c> besides HTTP Basic.</summary>
internal enum BearerCredentials
{
    /// <summary>Basic only, as mParticle's Events API (reference/mparticle.md §1.1).</summary>
    Refused,

    /// <summary>Also Bearer: Braze's Custom HTTP connector sends one optional bearer token (reference/braze.md §6).</summary>
    Accepted,
}
