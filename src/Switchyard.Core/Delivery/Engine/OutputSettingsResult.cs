namespace Switchyard.Core.Delivery.Engine;

/// <summary>An output type's settings, validated, or the first error, naming the field inside <c>settings</c>.</summary>
/// <param name="Settings">The type's own immutable settings object; null when invalid.</param>
/// <param name="Field">The field in error as a JSON path below <c>settings</c> (empty: the object itself).</param>
public sealed record OutputSettingsResult(object? Settings, string Field, string Message)
{
    public static OutputSettingsResult Valid(object settings) => new(settings ?? throw new ArgumentNullException(nameof(settings)), "", "");

    public static OutputSettingsResult Invalid(string field, string message) => new(null, field, message);
}
