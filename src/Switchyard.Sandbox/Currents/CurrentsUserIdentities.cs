using System.Text.Json.Serialization;

namespace Switchyard.Sandbox.Currents;

/// <summary><c>customerid</c> is the external_user_id, spelled as Braze sends it (reference/mparticle.md §1.5).</summary>
internal sealed record CurrentsUserIdentities(
    [property: JsonPropertyName("customerid")] string CustomerId,
    string? Email);
