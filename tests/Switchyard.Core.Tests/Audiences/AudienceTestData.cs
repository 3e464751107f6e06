using Switchyard.Core.Audiences;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Tests.Audiences;

/// <summary>Builds definitions and profiles for the audience tests.</summary>
internal static class AudienceTestData
{
    public const long DayMs = 86_400_000;

    /// <summary>2026-03-15T12:00:00Z.</summary>
    public static readonly long Now = DateTimeOffset.Parse("2026-03-15T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public static AudienceDefinition Definition(string criteriaJson, int id = 1)
    {
        var result = AudienceDefinitionParser.Parse($$"""{"id":{{id}},"name":"Audience {{id}}","criteria":{{criteriaJson}}}""");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }

    public static bool Matches(string criteriaJson, Profile profile, long nowMs = 0)
    {
        var catalog = AudienceCatalog.Create([Definition(criteriaJson)]);
        return catalog.Evaluate(profile, nowMs == 0 ? Now : nowMs).Contains(1);
    }

    /// <summary>The errors of a definition with these criteria, as "path: message" lines.</summary>
    public static string ErrorsOf(string criteriaJson) =>
        ErrorsOfDocument($$"""{"id":1,"name":"A","criteria":{{criteriaJson}}}""");

    public static string ErrorsOfDocument(string json)
    {
        var result = AudienceDefinitionParser.Parse(json);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        return string.Join("\n", result.Errors);
    }

    public static Profile Profile() => new() { Mpid = 42 };

    public static Profile WithText(this Profile profile, string name, string? text, AttributeValueKind kind = AttributeValueKind.String)
    {
        profile.Attributes[name] = new StoredAttribute { Kind = kind, Text = text, UpdatedAtMs = 1 };
        return profile;
    }

    public static Profile WithNumber(this Profile profile, string name, string literal) =>
        profile.WithText(name, literal, AttributeValueKind.Number);

    public static Profile WithList(this Profile profile, string name, params string[] values)
    {
        profile.Attributes[name] = new StoredAttribute { Kind = AttributeValueKind.StringList, List = [.. values], UpdatedAtMs = 1 };
        return profile;
    }

    public static Profile WithTag(this Profile profile, string name) => profile.WithText(name, null, AttributeValueKind.Null);

    public static Profile WithDeleted(this Profile profile, string name, string text)
    {
        profile.WithText(name, text);
        profile.Attributes[name].Deleted = true;
        return profile;
    }

    /// <summary>Records occurrences of an event key at the given times; the all-time count adds <paramref name="olderCount"/> forgotten ones.</summary>
    public static Profile WithEvents(this Profile profile, string key, long[] atMs, long olderCount = 0, Dictionary<string, string>? attributes = null)
    {
        if (!profile.Events.TryGetValue(key, out var stats))
        {
            profile.Events[key] = stats = new EventStats();
        }

        foreach (var at in atMs.Order())
        {
            stats.Recent.Add(new EventOccurrence { AtMs = at, Attributes = attributes is null ? null : new(attributes) });
        }

        stats.TotalCount += atMs.Length + olderCount;
        stats.FirstMs = stats.Recent.Count > 0 ? stats.Recent.Min(o => o.AtMs) : 0;
        stats.LastMs = stats.Recent.Count > 0 ? stats.Recent.Max(o => o.AtMs) : 0;
        return profile;
    }

    public static Profile WithEvent(this Profile profile, string key, long atMs, params (string Name, string Value)[] attributes) =>
        profile.WithEvents(key, [atMs], 0, attributes.Length == 0 ? null : attributes.ToDictionary(a => a.Name, a => a.Value));

    public static long DaysAgo(double days) => Now - (long)(days * DayMs);
}
