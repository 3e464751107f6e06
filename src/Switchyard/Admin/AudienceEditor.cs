using System.Text.Json;
using Switchyard.Core.Audiences;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;

namespace Switchyard.Admin;

/// <summary>
/// Validates and saves audience definitions for the admin API and the console alike, so both give the same messages
/// and take the same path to the store.
/// </summary>
internal sealed class AudienceEditor(IAudienceStore store, IProfileStore profiles, ProcessingSettings settings, TimeProvider time)
{
    // Checks that read other definitions (member_of references, existence) and the write that follows must not
    // interleave with another edit, or two concurrent edits could leave a nested or dangling reference.
    public static readonly Lock Gate = new();

    /// <summary>Every problem of a definition as the admin API words it; empty when it could be saved.</summary>
    public IReadOnlyList<AudienceValidationError> Validate(string? json)
    {
        var (definition, errors) = Check(json);
        if (definition is null)
        {
            return errors;
        }

        lock (Gate)
        {
            return SetErrors(definition);
        }
    }

    /// <summary>Creates or replaces the audience; with <paramref name="createOnly"/> an existing id is a conflict.</summary>
    public AudienceSaveOutcome Save(string? json, int? pathId, bool createOnly)
    {
        var (definition, errors) = Check(json);
        if (definition is null)
        {
            return AudienceSaveOutcome.Invalid(errors);
        }

        if (pathId is { } id && definition.Id != id)
        {
            return AudienceSaveOutcome.Invalid([new AudienceValidationError("id", $"{definition.Id} does not match the id in the path ({id}).")]);
        }

        bool exists;
        lock (Gate)
        {
            var stored = store.Get(definition.Id);
            exists = stored is not null;
            if (createOnly && exists)
            {
                return new AudienceSaveOutcome(null, [], Conflict: true, Created: false, definition.Id);
            }

            var setErrors = SetErrors(definition);
            if (setErrors.Count > 0)
            {
                return AudienceSaveOutcome.Invalid(setErrors);
            }

            // An identical definition is not a change: writing it would make every profile be evaluated again.
            var canonical = AudienceDefinitionParser.Serialize(definition);
            if (stored?.DefinitionJson != canonical)
            {
                store.Upsert(definition.Id, canonical);
            }
        }

        return new AudienceSaveOutcome(View(store.Get(definition.Id)!), [], Conflict: false, Created: !exists, definition.Id);
    }

    public AudienceView? View(StoredAudience stored)
    {
        if (AudienceDefinitionParser.Parse(stored.DefinitionJson).Definition is not { } definition)
        {
            return null;
        }

        using var document = JsonDocument.Parse(stored.DefinitionJson);
        return new AudienceView(definition.Id, definition.Name, definition.EffectiveExternalName, document.RootElement.Clone(), profiles.CountMembers(definition.Id));
    }

    private (AudienceDefinition? Definition, IReadOnlyList<AudienceValidationError> Errors) Check(string? json)
    {
        var parsed = AudienceDefinitionParser.Parse(json);
        if (parsed.Definition is not { } definition)
        {
            return (null, parsed.Errors);
        }

        // Criteria that look further back than profiles keep events would be answered wrongly, so they are refused.
        var limitErrors = AudienceLimits.Check(definition, settings.EventRetention, settings.MaxOccurrencesPerEventKey, time.GetUtcNow().ToUnixTimeMilliseconds());
        return limitErrors.Count > 0 ? (null, limitErrors) : (definition, []);
    }

    private IReadOnlyList<AudienceValidationError> SetErrors(AudienceDefinition definition)
    {
        var others = store.List().Where(a => a.Id != definition.Id).Select(a => AudienceDefinitionParser.Parse(a.DefinitionJson).Definition).OfType<AudienceDefinition>();
        return AudienceDefinitionParser.ValidateSet([.. others, definition]);
    }
}
