namespace Switchyard.Core.Audiences;

/// <summary>Tells which kind a flat <see cref="Criterion"/> is, and refuses nodes that mix kinds.</summary>
internal sealed partial class CriterionCompiler
{
    private string? KindOf(Criterion c, string path)
    {
        string? kind = null;
        var ok = true;
        void Kind(bool set, string name)
        {
            if (!set)
            {
                return;
            }

            if (kind is null)
            {
                kind = name;
            }
            else
            {
                Error(path, $"sets both '{kind}' and '{name}'; a criterion is one kind (wrap several in 'and' or 'or').");
                ok = false;
            }
        }

        Kind(c.And is not null, "and");
        Kind(c.Or is not null, "or");
        Kind(c.Not is not null, "not");
        Kind(c.Attribute is not null, "attribute");
        Kind(c.Identity is not null, "identity");
        Kind(c.Event is not null, "event");
        Kind(c.MemberOf is not null, "member_of");
        Kind(c.Consent is not null, "consent");
        Kind(c.Device is not null, "device");
        Kind(c.Location is not null, "location");
        Kind(c.Seen is not null, "seen");
        if (!ok)
        {
            return null;
        }

        if (kind is null)
        {
            Error(path, "must set one of 'and', 'or', 'not', 'attribute', 'identity', 'event', 'member_of', 'consent', 'device', 'location' or 'seen'.");
            return null;
        }

        // Identities, device fields, location and first/last seen compare values as attribute conditions do.
        var valued = kind is "attribute" or "identity" or "device" or "location" or "seen";
        var eventKind = kind == "event";
        const string valueOwners = "value conditions (attribute, identity, device, location, seen)";
        Only(c.Operator is not null, "operator", valued, valueOwners, path, ref ok);
        Only(c.Value is not null, "value", valued, valueOwners, path, ref ok);
        Only(c.Max is not null, "max", valued, valueOwners, path, ref ok);
        Only(c.As is not null, "as", valued, valueOwners, path, ref ok);
        Only(c.Consented is not null, "consented", kind == "consent", "consent criteria", path, ref ok);
        Only(c.Count is not null, "count", eventKind, "event criteria", path, ref ok);
        Only(c.WithinDays is not null, "within_days", eventKind, "event criteria", path, ref ok);
        Only(c.Between is not null, "between", eventKind, "event criteria", path, ref ok);
        Only(c.Where is not null, "where", eventKind, "event criteria", path, ref ok);
        return ok ? kind : null;
    }

    private void Only(bool set, string field, bool allowed, string owner, string path, ref bool ok)
    {
        if (set && !allowed)
        {
            Error($"{path}.{field}", $"applies only to {owner}.");
            ok = false;
        }
    }

    /// <summary>A <c>where</c> item must be a plain attribute condition.</summary>
    private static bool IsPlainAttributeCondition(Criterion c) =>
        c.Attribute is not null && c.And is null && c.Or is null && c.Not is null && c.Identity is null
        && c.Event is null && c.MemberOf is null && c.Count is null && c.WithinDays is null && c.Between is null
        && c.Where is null && c.Consent is null && c.Consented is null && c.Device is null && c.Location is null
        && c.Seen is null;
}
