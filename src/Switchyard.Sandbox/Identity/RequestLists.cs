using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Identity;

/// <summary>Parsing shared by the user endpoints, which all take at most 50 items per request (reference/braze.md §2).</summary>
internal static class RequestLists
{
    public const int MaxItems = 50;

    /// <summary>Returns the array under <paramref name="name"/> (null when absent) or an error message.</summary>
    public static string? TryArray(JsonObject body, string name, out JsonArray? array)
    {
        array = null;
        var node = body[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (node is not JsonArray found)
        {
            return $"'{name}' must be an array";
        }

        if (found.Count > MaxItems)
        {
            return $"'{name}' must not contain more than {MaxItems} items";
        }

        array = found;
        return null;
    }

    public static string? TryStrings(JsonObject body, string name, out List<string>? values)
    {
        values = null;
        if (TryArray(body, name, out var array) is { } error)
        {
            return error;
        }

        if (array is null)
        {
            return null;
        }

        values = [];
        foreach (var item in array)
        {
            if (!ObjectIdentity.IsNonEmptyString(item, out var text))
            {
                return $"'{name}' must be an array of strings";
            }

            values.Add(text!);
        }

        return null;
    }

    public static string? TryAliases(JsonObject body, string name, out List<UserAlias>? aliases)
    {
        aliases = null;
        if (TryArray(body, name, out var array) is { } error)
        {
            return error;
        }

        if (array is null)
        {
            return null;
        }

        aliases = [];
        foreach (var item in array)
        {
            if (!ObjectIdentity.TryParseAlias(item, out var alias))
            {
                return $"'{name}' must be an array of objects with 'alias_name' and 'alias_label'";
            }

            aliases.Add(alias);
        }

        return null;
    }

    /// <summary>
    /// A <c>prioritization</c> array (§2): <c>identified</c> or <c>unidentified</c> (not both), plus
    /// <c>most_recently_updated</c>/<c>least_recently_updated</c>. Absent means no preference.
    /// </summary>
    public static string? TryPrioritization(JsonNode? node, out List<string> rules)
    {
        rules = [];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            return "'prioritization' must be an array";
        }

        foreach (var item in array)
        {
            if (!ObjectIdentity.IsNonEmptyString(item, out var rule)
                || rule is not ("identified" or "unidentified" or "most_recently_updated" or "least_recently_updated"))
            {
                return "'prioritization' contains an unknown value";
            }

            rules.Add(rule);
        }

        return rules.Contains("identified") && rules.Contains("unidentified")
            ? "'prioritization' cannot contain both 'identified' and 'unidentified'"
            : null;
    }
}
