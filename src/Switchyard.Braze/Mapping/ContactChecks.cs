using System.Text.RegularExpressions;

namespace Switchyard.Braze.Mapping;

/// <summary>
/// Loose checks on <c>email</c> and <c>phone</c>. Braze refuses the whole attributes object when either is invalid
/// (reference/braze.md §1.7 sample error), which would also lose every other attribute of the batch, so a value
/// that cannot pass is dropped (and counted) instead. The patterns are deliberately permissive: Braze stays the judge.
/// </summary>
internal static partial class ContactChecks
{
    public static bool IsPlausibleEmail(string email) => email.Length <= BrazeLimits.MaxLength && EmailPattern().IsMatch(email);

    /// <summary>E.164-like once spaces, dashes, dots and brackets are ignored (reference/braze.md §1.2).</summary>
    public static bool IsPlausiblePhone(string phone) =>
        PhonePattern().IsMatch(new string([.. phone.Where(c => c is not (' ' or '-' or '.' or '(' or ')'))]));

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9]{5,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
