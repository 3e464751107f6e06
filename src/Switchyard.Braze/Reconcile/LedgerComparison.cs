using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Braze.Audiences;

namespace Switchyard.Braze.Reconcile;

/// <summary>
/// Compares what the last-sent ledger says Braze has with the user Braze exported, field by field. Pure. A field is
/// drifted when Braze's value differs or is missing, or the whole user is missing. Fields whose exported form is not
/// comparable with what was sent (dates of birth, genders, subscription states, social profiles, push tokens, array
/// edits) are not judged: they are left to <c>ledgerMaxAge</c>.
/// </summary>
internal static class LedgerComparison
{
    /// <summary>Standard profile fields exported at the top level in the form they are sent (https://www.braze.com/docs/api/objects_filters/user_attributes_object/).</summary>
    private static readonly string[] ComparableProfileFields = ["first_name", "last_name", "email", "phone", "home_city", "country", "language", "time_zone"];

    private static readonly HashSet<string> ProfileFieldSet = new(ComparableProfileFields, StringComparer.Ordinal);

    private static readonly HashSet<string> NotJudged = new(
        ["dob", "gender", "email_subscribe", "push_subscribe", "facebook", "twitter"], StringComparer.Ordinal);

    /// <summary>What to ask for in <c>fields_to_export</c>.</summary>
    public static IReadOnlyList<string> FieldsToExport(ReconciledOutputKind kind) => kind == ReconciledOutputKind.Events
        ? ["external_id", "custom_attributes", .. ComparableProfileFields]
        : ["external_id", "custom_attributes", "email"];

    /// <summary>The ledger fields Braze does not hold as recorded; empty when the user agrees.</summary>
    public static IReadOnlyList<string> Drifted(ReconciledOutputKind kind, IReadOnlyDictionary<string, string> ledger, JsonObject? user)
    {
        var drifted = new List<string>();
        var custom = user?["custom_attributes"] as JsonObject;
        foreach (var (field, value) in ledger.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            bool? same = kind == ReconciledOutputKind.Events ? SameAttribute(field, value, user, custom) : SameMembership(field, value, user, custom);
            if (same == false)
            {
                drifted.Add(field);
            }
        }

        return drifted;
    }

    /// <summary>null: not judged.</summary>
    private static bool? SameAttribute(string field, string fingerprint, JsonObject? user, JsonObject? custom)
    {
        if (NotJudged.Contains(field))
        {
            return null;
        }

        JsonNode? sent;
        try
        {
            sent = JsonNode.Parse(fingerprint);
        }
        catch (JsonException)
        {
            return null;
        }

        if (sent is JsonObject)
        {
            // An array edit ({"add": …}) or a nested object: what Braze holds is not the value sent.
            return null;
        }

        if (user is null)
        {
            return false;
        }

        var holder = ProfileFieldSet.Contains(field) ? user : custom;
        return holder is not null && holder.TryGetPropertyValue(field, out var held) && SameValue(sent, held);
    }

    private static bool? SameMembership(string field, string value, JsonObject? user, JsonObject? custom)
    {
        if (field == AudienceLedger.ExternalId || field.StartsWith(AudienceLedger.PushTokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (user is null)
        {
            return false;
        }

        if (field == AudienceLedger.Email)
        {
            return user["email"] is JsonValue email && email.GetValueKind() == JsonValueKind.String && (string)email! == value;
        }

        if (field == AudienceLedger.MembershipString)
        {
            return custom?[AudiencePlanner.StringAttribute] is JsonValue text && text.GetValueKind() == JsonValueKind.String && (string)text! == value;
        }

        const string ArrayPrefix = "segment_membership_array:";
        if (field.StartsWith(ArrayPrefix, StringComparison.Ordinal))
        {
            var id = field[ArrayPrefix.Length..];
            return custom?[AudiencePlanner.ArrayAttribute] is JsonArray array
                && array.Any(e => e is JsonValue v && v.GetValueKind() == JsonValueKind.String && (string)v! == id);
        }

        if (field.StartsWith("in:", StringComparison.Ordinal) && AudienceLedger.TryReadPerSegment(value, out var member, out var name))
        {
            return custom?[name] is JsonValue flag && flag.GetValueKind() == (member ? JsonValueKind.True : JsonValueKind.False);
        }

        return null;
    }

    /// <summary>JSON equality as Braze stores values: numbers by value, date strings by instant, arrays in order.</summary>
    private static bool SameValue(JsonNode? sent, JsonNode? held)
    {
        if (sent is null || held is null)
        {
            return sent is null && held is null;
        }

        if (sent is JsonArray a)
        {
            return held is JsonArray b && a.Count == b.Count && a.Zip(b).All(p => SameValue(p.First, p.Second));
        }

        if (sent is not JsonValue x || held is not JsonValue y || x.GetValueKind() != y.GetValueKind())
        {
            return false;
        }

        switch (x.GetValueKind())
        {
            case JsonValueKind.Number:
                return x.GetValue<JsonElement>().GetDouble() == y.GetValue<JsonElement>().GetDouble();
            case JsonValueKind.String:
                var s = (string)x!;
                var t = (string)y!;
                return s == t
                    || (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ds)
                        && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt)
                        && s.Length >= 10 && t.Length >= 10 && ds == dt);
            default:
                return true;
        }
    }
}
