namespace Switchyard.Core.Ingest.Model;

/// <summary>A batch's <c>context</c> (reference/mparticle.md §1.2).</summary>
public sealed class BatchContext
{
    public DataPlanContext? DataPlan { get; set; }
}
