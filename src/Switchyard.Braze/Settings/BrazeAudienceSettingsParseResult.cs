namespace Switchyard.Braze.Settings;

/// <summary>Parsed audience settings, or the reasons they were refused — never both.</summary>
public sealed class BrazeAudienceSettingsParseResult
{
    internal BrazeAudienceSettingsParseResult(BrazeAudienceSettings? settings, IReadOnlyList<BrazeSettingsError> errors)
    {
        Settings = errors.Count == 0 ? settings : null;
        Errors = errors;
    }

    public bool IsValid => Settings is not null;

    public BrazeAudienceSettings? Settings { get; }

    public IReadOnlyList<BrazeSettingsError> Errors { get; }
}
