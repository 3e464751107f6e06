using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Audiences;

internal static partial class AudiencePlanner
{
    /// <summary>
    /// <c>In &lt;External Name&gt;</c> per active link: true while the user is a member, false once they leave (only if
    /// true or false was sent before, so never-members get nothing). The ledger keeps the name sent, so a renamed
    /// audience's old attribute is removed and a clean-up removes the attribute even after the link is gone.
    /// </summary>
    private static void PlanPerSegment(
        Builder plan, Profile profile, Dictionary<int, AudienceLink> active, IReadOnlyDictionary<string, string> lastSent, IReadOnlySet<int> cleanup)
    {
        foreach (var (id, link) in active.OrderBy(a => a.Key))
        {
            if (cleanup.Contains(id))
            {
                continue;
            }

            var field = AudienceLedger.PerSegment(id);
            var name = PerSegmentPrefix + link.ExternalName;
            var member = profile.Audiences.Contains(id);
            var known = lastSent.TryGetValue(field, out var sent) && AudienceLedger.TryReadPerSegment(sent, out _, out _);
            if (!member && !known)
            {
                continue;
            }

            var sentMember = false;
            var sentName = "";
            if (known)
            {
                AudienceLedger.TryReadPerSegment(sent!, out sentMember, out sentName);
            }

            if (known && sentMember == member && sentName == name)
            {
                continue;
            }

            if (known && sentName != name)
            {
                // Renamed since: the old attribute would stay behind with a stale value.
                plan.Set(sentName, BrazeValue.Null);
            }

            plan.Set(name, BrazeValue.Of(member));
            plan.Fields[field] = AudienceLedger.PerSegmentValue(member, name);
        }

        foreach (var id in AudienceLedger.PerSegmentIds(lastSent))
        {
            if (cleanup.Contains(id) && AudienceLedger.TryReadPerSegment(lastSent[AudienceLedger.PerSegment(id)], out _, out var sentName))
            {
                plan.Set(sentName, BrazeValue.Null);
                plan.Fields[AudienceLedger.PerSegment(id)] = null;
            }
        }
    }
}
