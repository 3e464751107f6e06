using System.Globalization;
using System.Text;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Audiences;

internal static partial class AudiencePlanner
{
    /// <summary>
    /// <c>SegmentMembership</c>: the whole set as ascending ids, comma-separated without spaces. Ids of links that are not
    /// active stay as last sent (an inactive or deleted connection leaves Braze as it was, reference/mparticle.md §3),
    /// unless they are being cleaned up. Sent only when the string differs from the last one; null once it is empty.
    /// A change of <paramref name="format"/> changes the string, so every member is sent again in the new form.
    /// </summary>
    private static void PlanString(
        Builder plan, Profile profile, Dictionary<int, AudienceLink> active, IReadOnlyDictionary<string, string> lastSent, IReadOnlySet<int> cleanup,
        Settings.SegmentMembershipFormat format, IReadOnlySet<string> expired)
    {
        var hadString = lastSent.TryGetValue(AudienceLedger.MembershipString, out var sent);
        var desired = new SortedSet<int>();
        foreach (var id in profile.Audiences)
        {
            if (active.ContainsKey(id) && !cleanup.Contains(id))
            {
                desired.Add(id);
            }
        }

        foreach (var id in AudienceLedger.ParseMembership(sent))
        {
            if (!active.ContainsKey(id) && !cleanup.Contains(id))
            {
                desired.Add(id);
            }
        }

        if (desired.Count == 0)
        {
            if (hadString)
            {
                plan.Set(StringAttribute, BrazeValue.Null);
                plan.Fields[AudienceLedger.MembershipString] = null;
            }

            return;
        }

        var (text, truncated) = MembershipString(desired, format);
        plan.TruncatedIds += truncated;
        if (text != sent || expired.Contains(AudienceLedger.MembershipString))
        {
            plan.Set(StringAttribute, BrazeValue.Of(text));
            plan.Fields[AudienceLedger.MembershipString] = text;
        }
    }

    /// <summary>Ascending ids while they fit in 255 characters; the rest are counted, not sent.</summary>
    internal static (string Text, int Truncated) MembershipString(
        IEnumerable<int> ascendingIds, Settings.SegmentMembershipFormat format = Settings.SegmentMembershipFormat.Unquoted)
    {
        var text = new StringBuilder();
        var truncated = 0;
        foreach (var id in ascendingIds)
        {
            var part = format == Settings.SegmentMembershipFormat.Quoted
                ? "'" + id.ToString(CultureInfo.InvariantCulture) + "'"
                : id.ToString(CultureInfo.InvariantCulture);
            var length = text.Length + (text.Length > 0 ? 1 : 0) + part.Length;
            if (truncated > 0 || length > MaxStringLength)
            {
                truncated++;
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(part);
        }

        return (text.ToString(), truncated);
    }
}
