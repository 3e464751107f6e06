namespace Switchyard.Core.Ingest.Model;

/// <summary>One promotion of a <see cref="PromotionAction"/> (reference/mparticle.md §1.4).</summary>
public sealed class Promotion
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Creative { get; set; }

    /// <summary>A slot name such as <c>banner_top</c>, so a string.</summary>
    public string? Position { get; set; }
}
