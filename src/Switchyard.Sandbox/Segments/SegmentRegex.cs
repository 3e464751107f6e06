using System.Text.RegularExpressions;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Segment regexes run case-insensitive and unanchored, like Braze's <c>/gi</c> (reference/braze.md §5, Regex).
/// A match timeout keeps a hostile pattern from stalling the sandbox; a timed-out match counts as no match.
/// </summary>
internal static class SegmentRegex
{
    /// <summary>Braze's documented maximum pattern length (reference/braze.md §5).</summary>
    public const int MaxLength = 32_764;

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    public static bool IsMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
