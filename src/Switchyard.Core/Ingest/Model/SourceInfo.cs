namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// A batch's internal <c>source_info</c> (reference/mparticle.md §1.2). <see cref="Channel"/> is kept as a free
/// string: it is set by mParticle's own pipeline, not by clients, so we do not reject new values.
/// </summary>
public sealed class SourceInfo
{
    /// <summary><c>native</c>, <c>javascript</c>, <c>pixel</c>, <c>desktop</c>, <c>partner</c> or <c>server_to_server</c>.</summary>
    public string? Channel { get; set; }

    public string? Partner { get; set; }

    public bool? IsHistorical { get; set; }
}
