namespace Switchyard.Braze.Settings;

/// <summary>Parsed settings, or the reasons they were refused — never both.</summary>
public sealed class BrazeSettingsParseResult
{
    internal BrazeSettingsParseResult(BrazeOutputSettings? settings, IReadOnlyList<BrazeSettingsError> errors)
    {
        Settings = errors.Count == 0 ? settings : null;
        Errors = errors;
    }

    public bool IsValid => Settings is not null;

    public BrazeOutputSettings? Settings { get; }

    public IReadOnlyList<BrazeSettingsError> Errors { get; }
}
