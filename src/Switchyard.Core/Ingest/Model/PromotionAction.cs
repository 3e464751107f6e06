namespace Switchyard.Core.Ingest.Model;

/// <summary>A commerce event's <c>promotion_action</c> (reference/mparticle.md §1.4).</summary>
public sealed class PromotionAction
{
    /// <summary>Required: <c>view</c> or <c>click</c>.</summary>
    public PromotionActionType? Action { get; set; }

    /// <summary>Never null.</summary>
    public IReadOnlyList<Promotion> Promotions { get; set => field = value ?? []; } = [];
}
