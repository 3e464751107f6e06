using System.Globalization;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Audiences;

internal static partial class AudiencePlanner
{
    /// <summary>
    /// <c>SegmentMembershipArray</c>: an <c>add</c>/<c>remove</c> edit, never a rewrite (reference/braze.md §1.3), so
    /// each change costs one data point per id (§4) and ids of inactive links stay untouched. Ids go as strings.
    /// </summary>
    private static void PlanArray(
        Builder plan, Profile profile, Dictionary<int, AudienceLink> active, IReadOnlyDictionary<string, string> lastSent, IReadOnlySet<int> cleanup,
        IReadOnlySet<string> expired)
    {
        var sent = AudienceLedger.ArrayMembers(lastSent);
        var add = new List<BrazeValue>();
        foreach (var id in profile.Audiences)
        {
            if (active.ContainsKey(id) && !cleanup.Contains(id) && (!sent.Contains(id) || expired.Contains(AudienceLedger.ArrayMember(id))))
            {
                add.Add(BrazeValue.Of(id.ToString(CultureInfo.InvariantCulture)));
                plan.Fields[AudienceLedger.ArrayMember(id)] = AudienceLedger.ArrayMemberValue;
            }
        }

        var remove = new List<BrazeValue>();
        foreach (var id in sent)
        {
            var left = active.ContainsKey(id) && !profile.Audiences.Contains(id);
            if (left || cleanup.Contains(id))
            {
                remove.Add(BrazeValue.Of(id.ToString(CultureInfo.InvariantCulture)));
                plan.Fields[AudienceLedger.ArrayMember(id)] = null;
            }
        }

        if (add.Count + remove.Count > 0)
        {
            plan.Set(ArrayAttribute, new BrazeArrayEdit(add, remove));
        }
    }
}
