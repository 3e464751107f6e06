namespace Switchyard.Core.Workspace;

/// <summary>
/// Secrets copied from the documentation and never changed. Examples in the docs write secrets as
/// <c>replace-with-…</c>, <c>your-…</c>, <c>&lt;…&gt;</c> or <c>...</c>; a workspace that still holds one would run with a
/// value anyone can read, so start-up refuses it and says what to put there instead.
/// </summary>
public static class PlaceholderSecrets
{
    public const string Advice = "still the placeholder from the documentation; set a random value of your own (for example the output of `openssl rand -hex 24`).";

    public static bool IsPlaceholder(string value)
    {
        var trimmed = value.Trim();
        return trimmed.StartsWith("replace-with", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("your-", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("your_", StringComparison.OrdinalIgnoreCase)
            || (trimmed.StartsWith('<') && trimmed.EndsWith('>'))
            || trimmed.Trim('.').Length == 0
            || trimmed.Equals("changeme", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("change-me", StringComparison.OrdinalIgnoreCase);
    }
}
