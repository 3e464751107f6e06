using System.Text.RegularExpressions;

namespace Switchyard.Sandbox.Track;

/// <summary>Email and phone checks. Braze's exact rules are not public; these are deliberately plain (docs/sandbox.md).</summary>
internal static partial class ContactFormats
{
    public static bool IsValidEmail(string email) => email.Length <= 255 && EmailPattern().IsMatch(email);

    /// <summary>Accepts an E.164-like number (§1.2), ignoring spaces, dashes, dots and brackets; returns it compacted.</summary>
    public static bool TryNormalizePhone(string phone, out string normalized)
    {
        var compact = new string(phone.Where(c => c is not (' ' or '-' or '.' or '(' or ')')).ToArray());
        normalized = compact;
        return PhonePattern().IsMatch(compact);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9]{5,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
