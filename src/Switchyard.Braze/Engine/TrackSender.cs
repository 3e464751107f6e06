using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The sender of every Braze output type (<see cref="IOutputSender"/>): plan (<see cref="IPassPlanner"/>) → pack and send
/// <c>/users/track</c> requests through the REST key's rate gate → record the ledgers after each answer → an outcome
/// per item. <see cref="BrazeDelivery"/> and <see cref="BrazeAudienceDelivery"/> differ only in the plan; the Core
/// <see cref="DeliveryEngine"/> claims and settles.
/// </summary>
internal sealed partial class TrackSender : IOutputSender
{
    private readonly BrazeConnection _connection;
    private readonly BrazeTrackClient _client;
    private readonly RateGate _gate;
    private readonly DeliveryOptions _options;
    private readonly IPassPlanner _planner;

    /// <summary>What Braze acknowledged that the store could not record yet, oldest first; recorded before anything else is sent.</summary>
    private readonly List<AcknowledgedLedger> _unrecorded = [];

    /// <summary>Held while <see cref="_unrecorded"/> is written to the store.</summary>
    private readonly SemaphoreSlim _recording = new(1, 1);

    public TrackSender(
        string outputId,
        BrazeConnection connection,
        IDeliveryStore store,
        BrazeTrackClient client,
        BrazeRateGates gates,
        TimeProvider time,
        DeliveryOptions options,
        BrazeDeliveryMetrics metrics,
        IPassPlanner planner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputId);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(planner);
        options.Validate();
        OutputId = outputId;
        _connection = connection;
        Store = store;
        _client = client;
        _gate = gates.For(connection);
        Time = time;
        _options = options;
        Metrics = metrics;
        _planner = planner;
        Tag = new KeyValuePair<string, object?>("output", outputId);
    }

    public string OutputId { get; }

    public IDeliveryStore Store { get; }

    public BrazeDeliveryMetrics Metrics { get; }

    /// <summary>The <c>output</c> tag every measurement of this output carries.</summary>
    public KeyValuePair<string, object?> Tag { get; }

    public TimeProvider Time { get; }

    /// <inheritdoc/>
    public int UnrecordedRequests
    {
        get
        {
            lock (_unrecorded)
            {
                return _unrecorded.Count;
            }
        }
    }

    /// <summary>
    /// Plans, sends and records, then gives each planned item the combined outcome of its parts. An item with a part not
    /// sent this pass gets none (it stays queued); a planned item without parts is delivered (nothing left to send).
    /// </summary>
    public async Task SendAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass, CancellationToken cancellationToken)
    {
        var plan = await _planner.PlanAsync(items, pass.Now, pass, cancellationToken).ConfigureAwait(false);
        var (partOutcomes, recorded) = await SendAsync(plan.Parts, pass, cancellationToken).ConfigureAwait(false);
        if (!recorded)
        {
            return;
        }

        var partsOf = new Dictionary<long, List<int>>();
        for (var i = 0; i < plan.Parts.Count; i++)
        {
            foreach (var item in plan.Parts[i].Items)
            {
                if (!partsOf.TryGetValue(item.Item.Id, out var list))
                {
                    partsOf[item.Item.Id] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var item in plan.Prepared.Select(p => p.Item))
        {
            if (Combined(partsOf.GetValueOrDefault(item.Id), partOutcomes) is { } outcome)
            {
                pass.Complete(item, outcome switch
                {
                    Retryable retryable => ItemOutcome.Retryable(retryable.Reason, retryable.RetryAfter),
                    Rejected rejected => ItemOutcome.Rejected(rejected.Reason),
                    _ => ItemOutcome.Delivered,
                });
            }
        }
    }

    /// <summary>Delivered when nothing was left to send; null when some part was not sent (unless one was rejected).</summary>
    private static BrazeDeliveryOutcome? Combined(List<int>? partIndexes, Dictionary<int, BrazeDeliveryOutcome> outcomes)
    {
        if (partIndexes is null)
        {
            return Delivered.Instance;
        }

        BrazeDeliveryOutcome? combined = null;
        var unsent = false;
        foreach (var index in partIndexes)
        {
            if (!outcomes.TryGetValue(index, out var outcome))
            {
                unsent = true;
                continue;
            }

            combined = combined is null ? outcome : BrazeOutcomes.Combine(combined, outcome);
        }

        return combined is Rejected ? combined : unsent ? null : combined;
    }

    /// <summary>Dead-letters an item that cannot be delivered; the user's later items in this pass wait.</summary>
    /// <param name="logged">The caller logged this item already (with its exception): no second line for it.</param>
    public static Task DeadLetterAsync(OutboxItem item, string reason, DeliveryPass pass, CancellationToken cancellationToken, bool logged = false) =>
        pass.DeadLetterAsync(item, reason, logged, cancellationToken);

    /// <summary>Acknowledges an item with nothing to send to this output.</summary>
    public static Task SkipAsync(OutboxItem item, DeliveryPass pass, CancellationToken cancellationToken) => pass.SkipAsync(item, cancellationToken);
}
