using System.Globalization;

namespace Switchyard.Braze.Audiences;

/// <summary>
/// The audience output's last-sent ledger fields (one ledger per output and user, written only after Braze
/// acknowledged): what was sent, so only changes are sent and a clean-up knows what to remove (docs/audience-sync.md).
/// </summary>
internal static class AudienceLedger
{
    /// <summary>The exact <c>SegmentMembership</c> string last sent.</summary>
    public const string MembershipString = "segment_membership";

    /// <summary>Prefix of the push token last sent per platform: <c>push_token:&lt;platform&gt;</c> → token.</summary>
    public const string PushTokenPrefix = "push_token:";

    /// <summary>The <c>external_id</c> the other fields were sent to (the Braze user they describe).</summary>
    public const string ExternalId = "external_id";

    /// <summary>The email last sent.</summary>
    public const string Email = "email";

    private const string ArrayPrefix = "segment_membership_array:";
    private const string PerSegmentPrefix = "in:";

    /// <summary><c>segment_membership_array:&lt;id&gt;</c>: present while the id is in <c>SegmentMembershipArray</c>.</summary>
    public static string ArrayMember(int audienceId) => ArrayPrefix + audienceId.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>in:&lt;id&gt;</c> → <c>true:&lt;attribute name&gt;</c> or <c>false:&lt;attribute name&gt;</c>: the value and name last sent.</summary>
    public static string PerSegment(int audienceId) => PerSegmentPrefix + audienceId.ToString(CultureInfo.InvariantCulture);

    public const string ArrayMemberValue = "1";

    public static string PerSegmentValue(bool member, string attributeName) => (member ? "true:" : "false:") + attributeName;

    public static bool TryReadPerSegment(string value, out bool member, out string attributeName)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        member = colon > 0 && value.AsSpan(0, colon).SequenceEqual("true");
        attributeName = colon > 0 ? value[(colon + 1)..] : "";
        return colon > 0 && attributeName.Length > 0;
    }

    /// <summary>The ids in the array ledger, ascending.</summary>
    public static SortedSet<int> ArrayMembers(IReadOnlyDictionary<string, string> ledger) => IdsWithPrefix(ledger, ArrayPrefix);

    /// <summary>The ids with a per-segment ledger field, ascending.</summary>
    public static SortedSet<int> PerSegmentIds(IReadOnlyDictionary<string, string> ledger) => IdsWithPrefix(ledger, PerSegmentPrefix);

    /// <summary>The ids of a <c>SegmentMembership</c> string; parts that are not ids are ignored.</summary>
    public static SortedSet<int> ParseMembership(string? text)
    {
        var ids = new SortedSet<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Either format: 11034 or '11034'.
            if (int.TryParse(part.Trim('\''), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static SortedSet<int> IdsWithPrefix(IReadOnlyDictionary<string, string> ledger, string prefix)
    {
        var ids = new SortedSet<int>();
        foreach (var field in ledger.Keys)
        {
            if (field.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(field.AsSpan(prefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
