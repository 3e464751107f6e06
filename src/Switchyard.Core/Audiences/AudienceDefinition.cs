namespace Switchyard.Core.Audiences;

/// <summary>
/// One audience as written in JSON (docs/audiences.md): its id, names and criteria. Build one with
/// <see cref="AudienceDefinitionParser.Parse"/>, which validates it; the catalog only takes valid definitions.
/// </summary>
public sealed class AudienceDefinition
{
    /// <summary>The audience id (positive), stable across edits, as mParticle's integer audience id (reference/mparticle.md §6).</summary>
    public int Id { get; init; }

    public string Name { get; init; } = "";

    /// <summary>What partners see (at most 100 characters); null means <see cref="Name"/>.</summary>
    public string? ExternalName { get; init; }

    public Criterion Criteria { get; init; } = new();

    /// <summary>The name partners see: <see cref="ExternalName"/>, or <see cref="Name"/> when none is set.</summary>
    public string EffectiveExternalName => string.IsNullOrEmpty(ExternalName) ? Name : ExternalName;
}
