namespace Switchyard.Braze.Mapping;

/// <summary>Braze's length limits (reference/braze.md §1.3–1.6) and the cuts that keep within them.</summary>
internal static class BrazeLimits
{
    /// <summary>Property names, custom attribute names, string values, product ids; event names are assumed the same (§1.4).</summary>
    public const int MaxLength = 255;

    public static bool TooLong(string text) => text.Length > MaxLength;

    /// <summary>The first 255 UTF-16 units, without splitting a surrogate pair.</summary>
    public static string Cut(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return text[..length];
    }

    /// <summary>A name short enough to put in a warning.</summary>
    public static string ForWarning(string name) => name.Length <= 64 ? name : name[..64];
}
