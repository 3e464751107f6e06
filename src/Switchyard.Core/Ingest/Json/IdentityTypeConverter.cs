using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="IdentityType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class IdentityTypeConverter() : WireEnumConverter<IdentityType>(Names)
{
    internal static readonly IdentityTypeConverter Instance = new();

    private static KeyValuePair<string, IdentityType>[] Names =>
    [
        new("customer_id", IdentityType.CustomerId),
        new("customerid", IdentityType.CustomerId),
        new("email", IdentityType.Email),
        new("other", IdentityType.Other),
        new("other_id_2", IdentityType.OtherId2),
        new("other_id_3", IdentityType.OtherId3),
        new("other_id_4", IdentityType.OtherId4),
        new("other_id_5", IdentityType.OtherId5),
        new("other_id_6", IdentityType.OtherId6),
        new("other_id_7", IdentityType.OtherId7),
        new("other_id_8", IdentityType.OtherId8),
        new("other_id_9", IdentityType.OtherId9),
        new("other_id_10", IdentityType.OtherId10),
        new("facebook", IdentityType.Facebook),
        new("twitter", IdentityType.Twitter),
        new("google", IdentityType.Google),
        new("microsoft", IdentityType.Microsoft),
        new("yahoo", IdentityType.Yahoo),
        new("alias", IdentityType.Alias),
        new("facebook_custom_audience_id", IdentityType.FacebookCustomAudienceId),
        new("mobile_number", IdentityType.MobileNumber),
        new("phone_number_2", IdentityType.PhoneNumber2),
        new("phone_number_3", IdentityType.PhoneNumber3),
    ];
}
