namespace Switchyard.Core.Ingest.Model;

/// <summary>One side (<c>new</c> or <c>old</c>) of a <c>user_identity_change</c> (reference/mparticle.md §1.3).</summary>
public sealed class IdentityChange
{
    public IdentityType? IdentityType { get; set; }

    public string? Identity { get; set; }

    public long? TimestampUnixtimeMs { get; set; }

    public bool? CreatedThisBatch { get; set; }
}
