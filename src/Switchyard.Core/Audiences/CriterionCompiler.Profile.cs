namespace Switchyard.Core.Audiences;

/// <summary>
/// Profile criteria beyond user attributes (mParticle's "Users" criteria): identities, consent, device, location and
/// first/last seen.
/// </summary>
internal sealed partial class CriterionCompiler
{
    private const string CcpaDataSaleOptOut = "ccpa:data_sale_opt_out";

    private const string GdprPrefix = "gdpr:";

    private CriterionNode? IdentityCriterion(Criterion c, string path)
    {
        var name = c.Identity!;
        if (AudienceVocabulary.Identity(name) is not { } identity)
        {
            Error(path + ".identity", $"unknown identity '{Clip(name)}' (use an identity type such as 'email' or 'customer_id', or 'device:<device_info id field>').");
            if (c.Operator is not null)
            {
                Condition(c, path, ConditionScope.Identity);
            }

            return null;
        }

        if (c.Operator is null && c.Value is null && c.As is null && c.Max is null)
        {
            return new IdentityNode(identity.Key, identity.Device, null);
        }

        return Condition(c, path, ConditionScope.Identity) is { } test ? new IdentityNode(identity.Key, identity.Device, test) : null;
    }

    private ConsentNode? ConsentCriterion(Criterion c, string path)
    {
        var purpose = c.Consent!;
        var ok = true;
        string? key = null;
        if (string.Equals(purpose, CcpaDataSaleOptOut, StringComparison.OrdinalIgnoreCase))
        {
            key = CcpaDataSaleOptOut;
        }
        else if (purpose.StartsWith(GdprPrefix, StringComparison.OrdinalIgnoreCase)
            && purpose.Length > GdprPrefix.Length && purpose.Length <= GdprPrefix.Length + MaxNameLength)
        {
            key = GdprPrefix + purpose[GdprPrefix.Length..];
        }
        else
        {
            Error(path + ".consent", $"unknown consent '{Clip(purpose)}' (use 'gdpr:<purpose>' or '{CcpaDataSaleOptOut}').");
            ok = false;
        }

        if (c.Consented is not { } consented)
        {
            Error(path + ".consented", "is required: true for a recorded consent (for CCPA: opted out of data sale), false for a recorded refusal.");
            return null;
        }

        return ok ? new ConsentNode(key!, consented) : null;
    }

    private DeviceNode? DeviceCriterion(Criterion c, string path)
    {
        var field = c.Device!;
        var known = AudienceVocabulary.DeviceFields.Contains(field);
        if (!known)
        {
            Error(path + ".device", $"unknown device field '{Clip(field)}' ({string.Join(", ", AudienceVocabulary.DeviceFields.Order(StringComparer.Ordinal))}).");
        }

        var test = Condition(c, path, ConditionScope.Device);
        return known && test is not null ? new DeviceNode(field, test) : null;
    }

    private AttributeNode? LocationCriterion(Criterion c, string path)
    {
        var part = c.Location!;
        var known = AudienceVocabulary.LocationAttributes.TryGetValue(part, out var attribute);
        if (!known)
        {
            Error(path + ".location", $"unknown location '{Clip(part)}' (country, region, city or zip).");
        }

        var test = Condition(c, path, ConditionScope.UserAttribute);
        return known && test is not null ? new AttributeNode(attribute!, test) : null;
    }

    private SeenNode? SeenCriterion(Criterion c, string path)
    {
        var which = c.Seen!;
        var first = which == "first";
        var known = first || which == "last";
        if (!known)
        {
            Error(path + ".seen", $"must be 'first' or 'last', not '{Clip(which)}'.");
        }

        var test = Condition(c, path, ConditionScope.Seen);
        return known && test is not null ? new SeenNode(first, test) : null;
    }
}
