namespace Switchyard.Core.Audiences;

/// <summary>
/// Audience definitions as validated JSON documents (the admin API and the workspace file write them; the processor
/// compiles them), the version that moves whenever a definition does, and the version every profile has been
/// evaluated against. All of it lives in the store, so every reader, on any node, sees the same.
/// </summary>
public interface IAudienceStore
{
    /// <summary>Grows with every change of a definition, across restarts too; readers recompile when it moves.</summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredAudience>> ListAsync(CancellationToken cancellationToken);

    Task<StoredAudience?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces the definition with this id, unless <paramref name="rule"/> refuses it. The rule runs inside
    /// the write's transaction, so no other write comes between its check and the write: rules that span definitions
    /// (a reference to another audience) hold. The same text as stored is not a change: nothing is written and the
    /// version stays.
    /// </summary>
    Task<AudienceWrite> UpsertAsync(int id, string definitionJson, AudienceRule? rule, CancellationToken cancellationToken);

    /// <summary>Deletes the definition with this id unless <paramref name="rule"/> refuses, checked as for <see cref="UpsertAsync"/>.</summary>
    Task<AudienceWrite> DeleteAsync(int id, AudienceRule? rule, CancellationToken cancellationToken);

    /// <summary>What every profile was last fully evaluated against; null in a store where nothing was recorded.</summary>
    Task<EvaluatedAudiences?> GetEvaluatedAsync(CancellationToken cancellationToken);

    Task SetEvaluatedAsync(EvaluatedAudiences evaluated, CancellationToken cancellationToken);
}

/// <summary>
/// A check of a write against what is stored: the definition with the id being written (null when there is none) and
/// every other one. Problems refuse the write; none lets it go ahead.
/// </summary>
public delegate IReadOnlyList<AudienceValidationError> AudienceRule(StoredAudience? current, IReadOnlyList<StoredAudience> others);

public enum AudienceWriteOutcome
{
    /// <summary>The change was written and the version moved.</summary>
    Written,

    /// <summary>The stored text was already this one: nothing was written.</summary>
    Unchanged,

    /// <summary>A delete found no definition with the id.</summary>
    NotFound,

    /// <summary>The rule refused: nothing was written.</summary>
    Refused,
}

/// <summary>The outcome of a write; <see cref="Existed"/> says whether a definition had the id before it.</summary>
public sealed record AudienceWrite(AudienceWriteOutcome Outcome, bool Existed, IReadOnlyList<AudienceValidationError> Problems)
{
    public static AudienceWrite Of(AudienceWriteOutcome outcome, bool existed) => new(outcome, existed, []);
}

/// <summary>
/// The definitions' version every profile has been evaluated against, and the kind of evaluation
/// (<see cref="Generation"/>): a newer Switchyard whose evaluation also writes something new names a new generation, and
/// an older record then counts as never evaluated.
/// </summary>
public sealed record EvaluatedAudiences(long Version, string Generation);
