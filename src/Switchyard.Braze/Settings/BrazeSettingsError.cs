namespace Switchyard.Braze.Settings;

/// <summary>One reason a settings document is refused; <see cref="Field"/> is the camelCase field name (empty for the whole document).</summary>
public sealed record BrazeSettingsError(string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
