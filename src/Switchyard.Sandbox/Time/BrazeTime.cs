using System.Globalization;

namespace Switchyard.Sandbox.Time;

/// <summary>
/// Parses the time formats Braze accepts (reference/braze.md §1.5) and writes the canonical form the sandbox stores:
/// ISO-8601 UTC with milliseconds. A value without a zone is UTC (midnight for a bare date).
/// </summary>
internal static class BrazeTime
{
    public const string CanonicalFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // The last two entries are our reading of §1.5's "ddd MM dd HH:mm:ss.TZD YYYY", which looks like Java's
    // Date.toString() ("Thu Mar 14 12:00:00 UTC 2020"); UNVERIFIED, see docs/sandbox.md.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss:fffK",
        "yyyy-MM-dd'T'HH:mm:ss:fffzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
        "MM/dd/yyyy",
        "ddd MMM dd HH:mm:ss 'UTC' yyyy",
        "ddd MMM dd HH:mm:ss 'GMT' yyyy",
        "ddd MMM dd HH:mm:ss zzz yyyy",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is < 8 or > 40)
        {
            value = default;
            return false;
        }

        return DateTimeOffset.TryParseExact(
            trimmed,
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    /// <summary>A future time becomes <paramref name="now"/> (reference/braze.md §1.5).</summary>
    public static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset now) => value > now ? now : value;

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(CanonicalFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseCanonical(string text) =>
        DateTimeOffset.ParseExact(text, CanonicalFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
