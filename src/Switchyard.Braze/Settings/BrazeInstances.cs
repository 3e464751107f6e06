namespace Switchyard.Braze.Settings;

/// <summary>Instance names as configured and their REST hosts (reference/braze.md §3: REST base = <c>https://rest.&lt;host&gt;</c>).</summary>
internal static class BrazeInstances
{
    private static readonly (BrazeInstance Instance, string Name, string? RestHost)[] Table =
    [
        (BrazeInstance.Us01, "US-01", "rest.iad-01.braze.com"),
        (BrazeInstance.Us02, "US-02", "rest.iad-02.braze.com"),
        (BrazeInstance.Us03, "US-03", "rest.iad-03.braze.com"),
        (BrazeInstance.Us04, "US-04", "rest.iad-04.braze.com"),
        (BrazeInstance.Us05, "US-05", "rest.iad-05.braze.com"),
        (BrazeInstance.Us06, "US-06", "rest.iad-06.braze.com"),
        (BrazeInstance.Us07, "US-07", "rest.iad-07.braze.com"),
        (BrazeInstance.Us08, "US-08", "rest.iad-08.braze.com"),
        (BrazeInstance.Us10, "US-10", "rest.us-10.braze.com"),
        (BrazeInstance.Eu01, "EU-01", "rest.fra-01.braze.eu"),
        (BrazeInstance.Eu02, "EU-02", "rest.fra-02.braze.eu"),
        (BrazeInstance.Au01, "AU-01", "rest.au-01.braze.com"),
        (BrazeInstance.Id01, "ID-01", "rest.id-01.braze.com"),
        (BrazeInstance.Jp01, "JP-01", "rest.jp-01.braze.com"),
        (BrazeInstance.Kr01, "KR-01", "rest.kr-01.braze.com"),
        (BrazeInstance.Custom, "Custom", null),
    ];

    public static string AllNames => string.Join(", ", Table.Select(t => t.Name));

    public static bool TryParse(string name, out BrazeInstance instance)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                instance = row.Instance;
                return true;
            }
        }

        instance = default;
        return false;
    }

    public static string NameOf(BrazeInstance instance) => Table.First(t => t.Instance == instance).Name;

    /// <summary>The REST base of a named cluster; null for <see cref="BrazeInstance.Custom"/>.</summary>
    public static Uri? RestBase(BrazeInstance instance) =>
        Table.First(t => t.Instance == instance).RestHost is { } host ? new Uri("https://" + host) : null;
}
