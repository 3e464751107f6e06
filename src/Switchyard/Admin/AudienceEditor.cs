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
    /// <summary>
    /// Orders this process's audience edits with what follows a delete (its connections are made inactive), so an
    /// audience created again with the same id cannot have its new connection deactivated by the delete before it.
    /// The rules that span definitions need no lock: the store checks them inside the write's transaction.
    /// </summary>
    public static readonly SemaphoreSlim Writes = new(1, 1);

    /// <summary>Every problem of a definition as the admin API words it; empty when it could be saved.</summary>
    public async Task<IReadOnlyList<AudienceValidationError>> ValidateAsync(string? json, CancellationToken cancellationToken)
    {
        var (definition, errors) = Check(json);
        if (definition is null)
        {
            return errors;
        }

        return AudienceEditRules.SetErrors(definition, await store.ListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Creates or replaces the audience; with <paramref name="createOnly"/> an existing id is a conflict.</summary>
    public async Task<AudienceSaveOutcome> SaveAsync(string? json, int? pathId, bool createOnly, CancellationToken cancellationToken)
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

        var conflict = false;
        var keepsSet = AudienceEditRules.ForSave(definition);
        AudienceRule rule = (current, others) =>
        {
            if (createOnly && current is not null)
            {
                conflict = true;
                return [new AudienceValidationError("id", $"audience {definition.Id} exists.")];
            }

            return keepsSet(current, others);
        };

        // The canonical text, so the same definition written again is not a change (which would make every profile be
        // evaluated again).
        AudienceWrite written;
        await Writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            written = await store.UpsertAsync(definition.Id, AudienceDefinitionParser.Serialize(definition), rule, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Writes.Release();
        }

        if (written.Outcome == AudienceWriteOutcome.Refused)
        {
            return conflict ? new AudienceSaveOutcome(null, [], Conflict: true, Created: false, definition.Id) : AudienceSaveOutcome.Invalid(written.Problems);
        }

        var saved = await store.GetAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        return new AudienceSaveOutcome(saved is null ? null : await ViewAsync(saved, cancellationToken).ConfigureAwait(false), [], Conflict: false, Created: !written.Existed, definition.Id);
    }

    public async Task<AudienceView?> ViewAsync(StoredAudience stored, CancellationToken cancellationToken)
    {
        if (AudienceDefinitionParser.Parse(stored.DefinitionJson).Definition is not { } definition)
        {
            return null;
        }

        var members = await profiles.CountMembersAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(stored.DefinitionJson);
        return new AudienceView(definition.Id, definition.Name, definition.EffectiveExternalName, document.RootElement.Clone(), members);
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
}
