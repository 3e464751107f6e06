using Switchyard.Braze.Audiences;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Tests.Audiences;

/// <summary>Builds planner inputs and reads its plans as the JSON Braze would receive.</summary>
internal static class PlannerFixture
{
    public static readonly string[] AllOptions =
        ["single_string", "single_array", "one_attribute_per_segment", "array_and_string", "array_and_per_segment", "string_and_per_segment", "all"];

    public static readonly AudienceLink Ibiza = new(11036, "Ibiza dreamers", true);

    public static readonly AudienceLink Paris = new(11034, "Possible Parisians", true);

    /// <summary>
    /// Settings with these forms. The planner tests read <c>SegmentMembership</c> in its unquoted form (the ids alone are
    /// easier to follow), so that format is pinned unless <paramref name="extra"/> names one; the default is tested on its own.
    /// </summary>
    public static BrazeAudienceSettings Settings(string forms, string extra = "")
    {
        var format = extra.Contains("segmentMembershipFormat", StringComparison.Ordinal) ? "" : ",\"segmentMembershipFormat\":\"unquoted\"";
        var result = BrazeAudienceSettings.Parse($$"""{"restApiKey":"k","sendSegmentsAs":"{{forms}}"{{format}}{{extra}}}""");
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Settings!;
    }

    public static Profile User(params int[] audiences)
    {
        var profile = new Profile { Mpid = 1, Audiences = [.. audiences] };
        profile.UserIdentities["customer_id"] = "c1";
        return profile;
    }

    public static AudiencePlan Plan(
        string forms, Profile profile, AudienceLink[] links, IReadOnlyDictionary<string, string>? ledger = null, int[]? cleanup = null, string extra = "") =>
        AudiencePlanner.Plan(Settings(forms, extra), profile, links, ledger ?? new Dictionary<string, string>(), new HashSet<int>(cleanup ?? []));

    /// <summary>The attributes object's members after <c>external_id</c>, as JSON text (empty when nothing is sent).</summary>
    public static string Sent(AudiencePlan plan)
    {
        Assert.Null(plan.Skipped);
        if (!plan.HasChanges)
        {
            return "";
        }

        var json = BrazeTrackJson.ToJson(plan.ToUpdate());
        const string Prefix = """{"attributes":[{"external_id":"c1",""";
        Assert.StartsWith(Prefix, json, StringComparison.Ordinal);
        return json[Prefix.Length..^3];
    }

    /// <summary>The ledger after Braze acknowledged the plan.</summary>
    public static Dictionary<string, string> After(IReadOnlyDictionary<string, string>? ledger, AudiencePlan plan)
    {
        var next = new Dictionary<string, string>(ledger ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (field, value) in plan.Fields)
        {
            if (value is null)
            {
                next.Remove(field);
            }
            else
            {
                next[field] = value;
            }
        }

        return next;
    }
}
