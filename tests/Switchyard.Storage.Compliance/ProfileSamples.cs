using System.Text.Json;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

/// <summary>Profiles for the profile store suite, and a way to compare two of them field by field.</summary>
public static class ProfileSamples
{
    private static readonly JsonSerializerOptions Comparison = new() { WriteIndented = true };

    /// <summary>A profile with something in every collection and every kind of attribute, so a lost field shows.</summary>
    public static Profile FullyPopulated(long mpid) => new()
    {
        Mpid = mpid,
        UserIdentities = { [IdentityKeys.CustomerId] = $"cust-{mpid}", [IdentityKeys.Email] = $"u{mpid}@example.com", ["other_id_2"] = "o2" },
        DeviceIdentities = { ["ios_idfv"] = $"idfv-{mpid}", ["android_uuid"] = $"uuid-{mpid}" },
        Attributes =
        {
            ["$FirstName"] = new StoredAttribute { Kind = AttributeValueKind.String, Text = "Ada", UpdatedAtMs = 10 },
            ["score"] = new StoredAttribute { Kind = AttributeValueKind.Number, Text = "12.50", UpdatedAtMs = 11 },
            ["vip"] = new StoredAttribute { Kind = AttributeValueKind.Boolean, Text = "true", UpdatedAtMs = 12 },
            ["tags"] = new StoredAttribute { Kind = AttributeValueKind.StringList, List = ["a", "b"], UpdatedAtMs = 13 },
            ["beta-tester"] = new StoredAttribute { Kind = AttributeValueKind.Null, UpdatedAtMs = 14 },
            ["old"] = new StoredAttribute { Kind = AttributeValueKind.Null, UpdatedAtMs = 15, Deleted = true },
        },
        PushTokens = { ["ios"] = new StoredPushToken { Token = "apns-token", UpdatedAtMs = 20 } },
        Consent =
        {
            ["gdpr:marketing"] = new StoredConsent { Consented = true, UpdatedAtMs = 30 },
            ["ccpa:data_sale_opt_out"] = new StoredConsent { Consented = false, UpdatedAtMs = 31 },
        },
        FirstSeenMs = 1_000,
        LastSeenMs = 2_000,
        Events =
        {
            [EventKeys.Custom("Played")] = new EventStats
            {
                FirstMs = 1_100,
                LastMs = 1_900,
                TotalCount = 7,
                Recent =
                [
                    new EventOccurrence { AtMs = 1_800, Attributes = new() { ["level"] = "3" } },
                    new EventOccurrence { AtMs = 1_900 },
                ],
            },
            [EventKeys.OfType("session_start")] = new EventStats { FirstMs = 1_000, LastMs = 1_000, TotalCount = 1 },
        },
        Audiences = [3, 1, 2],
    };

    /// <summary>A profile with only the identities given (customer id, optionally a device identity) and audiences.</summary>
    public static Profile Minimal(long mpid, string? customerId = null, string? idfv = null, params int[] audiences)
    {
        var profile = new Profile { Mpid = mpid, Audiences = [.. audiences] };
        if (customerId is not null)
        {
            profile.UserIdentities[IdentityKeys.CustomerId] = customerId;
        }

        if (idfv is not null)
        {
            profile.DeviceIdentities["ios_idfv"] = idfv;
        }

        return profile;
    }

    /// <summary>Every field of the profile as JSON, to compare two profiles with one assertion that shows the difference.</summary>
    public static string Describe(Profile? profile) => JsonSerializer.Serialize(profile, Comparison);
}
