using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>
/// A recorded consent decision: true when the profile holds the purpose with this decision. A purpose never recorded
/// matches neither <c>consented: true</c> nor <c>consented: false</c>. GDPR purposes match whatever their case.
/// </summary>
/// <param name="key">The profile's consent key: <c>gdpr:&lt;purpose&gt;</c> or <c>ccpa:data_sale_opt_out</c>.</param>
internal sealed class ConsentNode(string key, bool consented) : CriterionNode
{
    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership)
    {
        if (profile.Consent.TryGetValue(key, out var held))
        {
            return held.Consented == consented;
        }

        // A profile holds few purposes, and the Events API does not fix their case.
        foreach (var (stored, state) in profile.Consent)
        {
            if (string.Equals(stored, key, StringComparison.OrdinalIgnoreCase))
            {
                return state.Consented == consented;
            }
        }

        return false;
    }
}
