using System.Globalization;

namespace Switchyard.Braze.Mapping;

/// <summary>
/// "API Custom Attribute Type Detection" (reference/mparticle.md §2.2): a string is tried as bool → long → double →
/// date, else stays a string. Dates are ISO-8601 (a date, or a date and time with an optional zone; no zone = UTC,
/// as Braze reads it, reference/braze.md §1.5).
/// </summary>
internal static class TypeDetection
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    public static BrazeValue Detect(string text)
    {
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return BrazeValue.Of(true);
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return BrazeValue.Of(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return BrazeValue.Of(whole);
        }

        // AllowThousands is left out on purpose: "1,234" stays a string rather than becoming a number.
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real))
        {
            return BrazeValue.Of(real);
        }

        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return new BrazeTime(time);
        }

        return BrazeValue.Of(text);
    }
}
