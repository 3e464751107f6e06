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
    /// When the store fails (claiming, planning, recording, settling), the output stops: nothing more is settled or sent,
    /// and the next pass comes after an exponential backoff (<see cref="OutputHealth"/>). Every store call is its own
    /// transaction and an item not settled is simply claimed again, so nothing half-settled is lost.
    /// </remarks>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_health.StoreRetryAt is { } retryAt && now < retryAt)
        {
            return 0;
        }

        var pass = new DeliveryPass(this, now);
        try
        {
            if (!await _sender.RecordUnrecordedAsync(pass, cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            var items = await _store.ClaimDueAsync(OutputId, now.ToUnixTimeMilliseconds(), _options.ClaimLimit, cancellationToken).ConfigureAwait(false);
            if (items.Count == 0)
            {
                _health.StoreWorked();
                return 0;
            }

            await _sender.SendAsync(items, pass, cancellationToken).ConfigureAwait(false);
            if (pass.StoreFailing)
            {
                // The store refused what the destination acknowledged: settle nothing; the items are claimed again once
                // the sender has recorded it, and planning then leaves out what the destination has.
                return pass.Settled;
            }

            await SettleAsync(items, pass).ConfigureAwait(false);
            _health.StoreWorked();
            return pass.Settled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _health.StoreFailed(e);
            return pass.Settled;
        }
    }

    internal void RequestAnswered(RequestReport report)
    {
        _metrics.RequestsSent.Add(1, Tag);
        _metrics.ObjectsPerRequest.Record(report.Objects, Tag);
        _health.RequestAnswered(report);
    }

    internal void StoreFailed(Exception exception) => _health.StoreFailed(exception);
}
