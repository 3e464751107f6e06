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
        Builder plan, Profile profile, Dictionary<int, AudienceLink> active, IReadOnlyDictionary<string, string> lastSent, IReadOnlySet<int> cleanup,
        IReadOnlySet<string> expired)
    {
        // Audiences may share an external name, and so an attribute: it stays true while the user is in any active one
        // of them, whatever order they are planned in (a false or a removal for one must not override the other's true).
        var heldTrue = active
            .Where(a => !cleanup.Contains(a.Key) && profile.Audiences.Contains(a.Key))
            .Select(a => PerSegmentPrefix + a.Value.ExternalName)
            .ToHashSet(StringComparer.Ordinal);
        void SetUnlessHeld(string attribute, BrazeValue value)
        {
            if (!heldTrue.Contains(attribute))
            {
                plan.Set(attribute, value);
            }
        }

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

            if (known && sentMember == member && sentName == name && !expired.Contains(field))
            {
                continue;
            }

            if (known && sentName != name)
            {
                // Renamed since: the old attribute would stay behind with a stale value.
                SetUnlessHeld(sentName, BrazeValue.Null);
            }

            if (member)
            {
                plan.Set(name, BrazeValue.Of(true));
            }
            else
            {
                SetUnlessHeld(name, BrazeValue.Of(false));
            }

            plan.Fields[field] = AudienceLedger.PerSegmentValue(member, name);
        }

        foreach (var id in AudienceLedger.PerSegmentIds(lastSent))
        {
            if (cleanup.Contains(id) && AudienceLedger.TryReadPerSegment(lastSent[AudienceLedger.PerSegment(id)], out _, out var sentName))
            {
                SetUnlessHeld(sentName, BrazeValue.Null);
                plan.Fields[AudienceLedger.PerSegment(id)] = null;
            }
        }
    }
}
