namespace Switchyard.Console.Metrics;

/// <summary>One output's line on the overview, from the delivery and outbox instruments.</summary>
internal sealed record OutputHealthRow(string Id, string Type, double Queued, double OldestAge, double Delivered, double Retried, double DeadLettered)
{
    /// <summary>Items older than this mean the output is not keeping up (or Braze is refusing or failing).</summary>
    public const double DelayedAfterSeconds = 60;

    public string Health => Queued == 0 ? "idle" : OldestAge > DelayedAfterSeconds ? "delayed" : "delivering";

    public MudBlazor.Color HealthColor => Health switch
    {
        "delayed" => MudBlazor.Color.Warning,
        "delivering" => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Default,
    };

    public static OutputHealthRow Read(string id, string type, PipelineMetrics metrics) => new(
        id,
        type,
        metrics.Of("switchyard.outbox.items_queued", id),
        metrics.Of("switchyard.outbox.oldest_item_age", id),
        metrics.Of("switchyard.delivery.items.delivered", id),
        metrics.Of("switchyard.delivery.items.retried", id),
        metrics.Of("switchyard.delivery.items.dead_lettered", id));
}
