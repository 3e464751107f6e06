namespace Switchyard.Core.Audiences;

/// <summary>
/// mParticle's pattern operator (reference/mparticle.md §6): <c>*</c> is any run of characters, <c>?</c> exactly one,
/// the whole value must match, case-insensitively. A greedy two-pointer match rather than a regex: linear-ish time,
/// no backtracking blow-up on hostile patterns, no allocation.
/// </summary>
internal static class WildcardPattern
{
    /// <summary>Longest pattern a definition may hold.</summary>
    public const int MaxLength = 256;

    public static bool IsMatch(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], text[t])))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool SameChar(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
