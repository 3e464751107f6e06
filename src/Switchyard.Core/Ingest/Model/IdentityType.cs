using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>An identity key (reference/mparticle.md §1.5), as used by <c>identity_type</c> in user_identity_change events. <c>customerid</c> is accepted as an alias of <c>customer_id</c>.</summary>
[JsonConverter(typeof(IdentityTypeConverter))]
public enum IdentityType
{
    CustomerId,
    Email,
    Other,
    OtherId2,
    OtherId3,
    OtherId4,
    OtherId5,
    OtherId6,
    OtherId7,
    OtherId8,
    OtherId9,
    OtherId10,
    Facebook,
    Twitter,
    Google,
    Microsoft,
    Yahoo,
    Alias,
    FacebookCustomAudienceId,
    MobileNumber,
    PhoneNumber2,
    PhoneNumber3,
}
