namespace Switchyard.Braze.Settings;

/// <summary>Identity type names as configured (the kit values, reference/mparticle.md §2.1, or their wire names) and the Events API wire names they read.</summary>
internal static class BrazeIdentityTypes
{
    private static readonly (BrazeIdentityType Type, string Name, string? WireName)[] Table =
    [
        (BrazeIdentityType.CustomerId, "CustomerId", "customer_id"),
        (BrazeIdentityType.Email, "Email", "email"),
        (BrazeIdentityType.Other, "Other", "other"),
        (BrazeIdentityType.Other2, "Other2", "other_id_2"),
        (BrazeIdentityType.Other3, "Other3", "other_id_3"),
        (BrazeIdentityType.Other4, "Other4", "other_id_4"),
        (BrazeIdentityType.Other5, "Other5", "other_id_5"),
        (BrazeIdentityType.Other6, "Other6", "other_id_6"),
        (BrazeIdentityType.Other7, "Other7", "other_id_7"),
        (BrazeIdentityType.Other8, "Other8", "other_id_8"),
        (BrazeIdentityType.Other9, "Other9", "other_id_9"),
        (BrazeIdentityType.Other10, "Other10", "other_id_10"),
        (BrazeIdentityType.Facebook, "Facebook", "facebook"),
        (BrazeIdentityType.Twitter, "Twitter", "twitter"),
        (BrazeIdentityType.Google, "Google", "google"),
        (BrazeIdentityType.Microsoft, "Microsoft", "microsoft"),
        (BrazeIdentityType.Yahoo, "Yahoo", "yahoo"),
        (BrazeIdentityType.Alias, "Alias", "alias"),
        (BrazeIdentityType.Mpid, "MPID", null),
    ];

    public static string AllNames => string.Join(", ", Table.Select(t => t.Name));

    public static bool TryParse(string name, out BrazeIdentityType type)
    {
        foreach (var row in Table)
        {
            // The Events API wire name (customer_id, other_id_2...) is accepted too: it is how the profile keys identities.
            if (string.Equals(row.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(row.WireName, name, StringComparison.OrdinalIgnoreCase))
            {
                type = row.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static string NameOf(BrazeIdentityType type) => Table.First(t => t.Type == type).Name;

    /// <summary>The user identity wire name (reference/mparticle.md §1.5); null for <see cref="BrazeIdentityType.Mpid"/>.</summary>
    public static string? WireName(BrazeIdentityType type) => Table.First(t => t.Type == type).WireName;
}
