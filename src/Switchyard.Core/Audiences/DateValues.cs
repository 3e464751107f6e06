using System.Globalization;

namespace Switchyard.Core.Audiences;

/// <summary>
/// Reads a stored value as an instant for the date operators. Text must be ISO 8601: a day (<c>2026-03-01</c>, midnight
/// UTC) or a date and time (<c>2026-03-01T09:30:00Z</c>; without an offset it is UTC). A value that is a whole number
/// reads as Unix epoch milliseconds, which is how the Events API itself writes times (reference/mparticle.md §1.3).
/// </summary>
internal static class DateValues
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssK",
    ];

    public static bool TryParse(string? text, out long ms)
    {
        ms = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ms))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            ms = at.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }

    /// <summary>A definition's day operand (<c>yyyy-MM-dd</c>, UTC).</summary>
    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
