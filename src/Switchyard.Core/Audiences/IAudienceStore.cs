namespace Switchyard.Core.Audiences;

/// <summary>
/// Audience definitions as validated JSON documents (the admin API and the workspace file write them; the processor
/// compiles them). <see cref="Version"/> changes whenever a definition does, so readers know to recompile.
/// </summary>
public interface IAudienceStore
{
    long Version { get; }

    IReadOnlyList<StoredAudience> List();

    StoredAudience? Get(int id);

    /// <summary>Creates or replaces the definition with this id.</summary>
    void Upsert(int id, string definitionJson);

    /// <summary>False when there was no such audience.</summary>
    bool Delete(int id);
}
