using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// What every output's delivery does once, whatever its type (conventions.md: the engine owns batching, backoff, rate
/// limits and dead letters): claim → the output's <see cref="IOutputSender"/> plans, sends and gives an outcome per item
/// → settle each item (acknowledge, reschedule with backoff, dead-letter). The host calls <see cref="RunOnceAsync"/> in a
/// loop of this output's own, one caller at a time; retry state lives in the store, never in a task.
/// </summary>
public sealed partial class DeliveryEngine
{
    private readonly IOutputSender _sender;
    private readonly IDeliveryStore _store;
    private readonly TimeProvider _time;
    private readonly DeliveryOptions _options;
    private readonly DeliveryMetrics _metrics;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly OutputHealth _health;
    private readonly ILogger _logger;

    public DeliveryEngine(
        string outputId,
        IOutputSender sender,
        IDeliveryStore store,
        TimeProvider time,
        DeliveryOptions options,
        DeliveryMetrics metrics,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputId);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        options.Validate();
        OutputId = outputId;
        _sender = sender;
        _store = store;
        _time = time;
        _options = options;
        _metrics = metrics;
        Tag = new KeyValuePair<string, object?>("output", outputId);
        // Jitter only spreads retries; it needs no unpredictability, and a fixed seed makes tests repeatable.
        _random = options.JitterSeed is { } seed ? new Random(seed) : Random.Shared;
        _logger = logger ?? NullLogger.Instance;
        _health = new OutputHealth(outputId, _logger, time, options);
        metrics.Track(this);
    }

    public string OutputId { get; }

    /// <summary>The <c>output</c> tag every measurement of this output carries.</summary>
    public KeyValuePair<string, object?> Tag { get; }

    /// <summary>Whether delivery is paused because the store failed (the <c>switchyard.delivery.store_failing</c> gauge).</summary>
    public bool StoreFailing => _health.StoreFailing;

    /// <summary>Requests acknowledged whose records are not stored yet (the <c>switchyard.delivery.unrecorded_requests</c> gauge).</summary>
    public int UnrecordedRequests => _sender.UnrecordedRequests;

    /// <summary>
    /// One claim → send → settle cycle; returns how many items were settled (a rescheduled item counts, since it leaves
    /// the due set). Zero means there was nothing due (or the store is failing and its retry is not due yet).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The claim is split into up to <see cref="DeliveryOptions.MaxInFlight"/> request groups, no user in two of them
    /// (<see cref="RequestGroups"/>); the sender delivers each group with a pass of its own, side by side, and each group
    /// is settled as soon as its requests are answered and recorded. The next pass claims once every group is settled,
    /// so a user's item left queued or rescheduled in this pass is never overtaken by that user's later one.
    /// </para>
    /// <para>
    /// When the store fails (claiming, planning, recording, settling), the output stops: the failing group settles
    /// nothing more, and the next pass comes after an exponential backoff (<see cref="OutputHealth"/>). Every store call
    /// is its own transaction and an item not settled is simply claimed again, so nothing half-settled is lost.
    /// </para>
    /// </remarks>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_health.StoreRetryAt is { } retryAt && now < retryAt)
        {
            return 0;
        }

        var pass = new DeliveryPass(this, now);
        IReadOnlyList<OutboxItem> items;
        try
        {
            if (!await _sender.RecordUnrecordedAsync(pass, cancellationToken).ConfigureAwait(false))
            {
                _health.StoreFailed(pass.StoreFailure ?? new InvalidOperationException("The sender could not record what the destination acknowledged."));
                return 0;
            }

            items = _options.HeldPartitions?.Invoke(now) is { } held
                ? await _store.ClaimDueAsync(OutputId, now.ToUnixTimeMilliseconds(), _options.ClaimLimit, held, cancellationToken).ConfigureAwait(false)
                : await _store.ClaimDueAsync(OutputId, now.ToUnixTimeMilliseconds(), _options.ClaimLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _health.StoreFailed(e);
            return 0;
        }

        if (items.Count == 0)
        {
            _health.StoreWorked();
            return 0;
        }

        var groups = RequestGroups.Split(items, _options.ClaimLimit, _options.MaxInFlight);
        var passes = new DeliveryPass[groups.Count];
        var runs = new Task[groups.Count];
        var moreDue = items.Count >= _options.ClaimLimit;
        for (var i = 0; i < groups.Count; i++)
        {
            passes[i] = i == 0 ? pass : new DeliveryPass(this, now);
            passes[i].MoreDue = moreDue;
            runs[i] = DeliverAsync(groups[i], passes[i], cancellationToken);
        }

        if (groups.Count > 1)
        {
            Log.RequestGroupsStarted(_logger, OutputId, items.Count, groups.Count);
        }

        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (Exception) when (Failure(runs) is not null)
        {
            // Handled below: a store failure in any group backs the output off once.
        }

        var settled = passes.Sum(p => p.Settled);
        if ((Failure(runs) ?? passes.Select(p => p.StoreFailure).FirstOrDefault(f => f is not null)) is { } failure)
        {
            _health.StoreFailed(failure);
        }
        else
        {
            _health.StoreWorked();
        }

        return settled;
    }

    /// <summary>
    /// One request group: the sender plans, sends and records; then its items are settled. A group whose recording the
    /// store refused settles nothing (its items are claimed again once the sender has recorded it).
    /// </summary>
    private async Task DeliverAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass, CancellationToken cancellationToken)
    {
        await _sender.SendAsync(items, pass, cancellationToken).ConfigureAwait(false);
        if (!pass.StoreFailing)
        {
            await SettleAsync(items, pass).ConfigureAwait(false);
        }
    }

    /// <summary>The first failure of a group that is not cancellation (those propagate), or null.</summary>
    private static Exception? Failure(Task[] runs) => runs
        .Where(r => r.IsFaulted)
        .SelectMany(r => r.Exception!.InnerExceptions)
        .FirstOrDefault(e => e is not OperationCanceledException);

    internal void RequestAnswered(RequestReport report)
    {
        _metrics.RequestsSent.Add(1, Tag);
        _metrics.ObjectsPerRequest.Record(report.Objects, Tag);
        _health.RequestAnswered(report);
    }

}
