using Switchyard.Core.Audiences;

namespace Switchyard.Admin;

/// <summary>What saving an audience definition came to: the saved view, the validation errors, or a conflict.</summary>
internal sealed record AudienceSaveOutcome(AudienceView? Saved, IReadOnlyList<AudienceValidationError> Errors, bool Conflict, bool Created, int Id)
{
    public static AudienceSaveOutcome Invalid(IReadOnlyList<AudienceValidationError> errors) => new(null, errors, Conflict: false, Created: false, Id: 0);
}
