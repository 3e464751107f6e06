namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>context.data_plan</c> of a batch (reference/mparticle.md §1.2).</summary>
public sealed class DataPlanContext
{
    public string? PlanId { get; set; }

    public int? PlanVersion { get; set; }
}
