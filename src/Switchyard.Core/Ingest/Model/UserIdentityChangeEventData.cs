namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>user_identity_change</c> (reference/mparticle.md §1.3).</summary>
public sealed class UserIdentityChangeEventData : EventData
{
    public IdentityChange? New { get; set; }

    public IdentityChange? Old { get; set; }
}
