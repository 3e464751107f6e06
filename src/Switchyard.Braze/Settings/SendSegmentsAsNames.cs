namespace Switchyard.Braze.Settings;

/// <summary>The seven <c>sendSegmentsAs</c> values as configured, and the forms each stands for.</summary>
internal static class SendSegmentsAsNames
{
    private static readonly (string Name, SendSegmentsAs Forms)[] Table =
    [
        ("single_string", SendSegmentsAs.String),
        ("single_array", SendSegmentsAs.Array),
        ("one_attribute_per_segment", SendSegmentsAs.PerSegment),
        ("array_and_string", SendSegmentsAs.Array | SendSegmentsAs.String),
        ("array_and_per_segment", SendSegmentsAs.Array | SendSegmentsAs.PerSegment),
        ("string_and_per_segment", SendSegmentsAs.String | SendSegmentsAs.PerSegment),
        ("all", SendSegmentsAs.String | SendSegmentsAs.Array | SendSegmentsAs.PerSegment),
    ];

    public static string AllNames => string.Join(", ", Table.Select(t => t.Name));

    public static bool TryParse(string name, out SendSegmentsAs forms)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, name, StringComparison.Ordinal))
            {
                forms = row.Forms;
                return true;
            }
        }

        forms = SendSegmentsAs.None;
        return false;
    }

    public static string NameOf(SendSegmentsAs forms) => Table.First(t => t.Forms == forms).Name;
}
