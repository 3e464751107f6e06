namespace Switchyard.Core.Audiences;

/// <summary>A parsed definition, or the reasons it was refused — never both.</summary>
public sealed class AudienceParseResult
{
    internal AudienceParseResult(AudienceDefinition? definition, IReadOnlyList<AudienceValidationError> errors)
    {
        Definition = errors.Count == 0 ? definition : null;
        Errors = errors;
    }

    public bool IsValid => Definition is not null;

    public AudienceDefinition? Definition { get; }

    public IReadOnlyList<AudienceValidationError> Errors { get; }
}
