using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Storage;
using Switchyard.Json;

namespace Switchyard.Hosting;

/// <summary>
/// Whether a load balancer should send this node traffic: its storage answers now (one cheap probe, bounded by
/// <see cref="ProbeTimeout"/>) and it is not shutting down. A provider without a probe (SQLite, whose files live in
/// the process) counts as reachable. Changes of the storage's state are logged once each, not on every probe.
/// </summary>
internal sealed class Readiness
{
    /// <summary>How long the probe may take before the storage counts as unreachable.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly IStorageProbe? _probe;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly bool _runsProcessor;
    private readonly ILogger _logger;
    private int _reachable = 1;

    public Readiness(IStorageProbe? probe, IHostApplicationLifetime lifetime, bool runsProcessor, ILogger<Readiness> logger)
    {
        _probe = probe;
        _lifetime = lifetime;
        _runsProcessor = runsProcessor;
        _logger = logger;
    }

    public async Task<IResult> AnswerAsync(CancellationToken requestAborted)
    {
        var storage = await ProbeAsync(requestAborted).ConfigureAwait(false);
        var stopping = _lifetime.ApplicationStopping.IsCancellationRequested;
        var partitions = stopping ? "stopping" : _runsProcessor ? "may_own" : "ingest_only";
        var ready = storage && !stopping;
        return Results.Json(
            new ReadinessBody(ready ? "ready" : "unavailable", storage ? "ok" : "unreachable", partitions),
            HostJson.Context.ReadinessBody,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<bool> ProbeAsync(CancellationToken requestAborted)
    {
        if (_probe is null)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(ProbeTimeout);
        var result = await _probe.ProbeAsync(timeout.Token).ConfigureAwait(false);
        if (requestAborted.IsCancellationRequested)
        {
            // The caller left; what the probe saw then says nothing about the database.
            return result.Reachable;
        }

        var was = Interlocked.Exchange(ref _reachable, result.Reachable ? 1 : 0) == 1;
        if (was && !result.Reachable)
        {
            Log.StorageUnreachable(_logger, result.Problem ?? "no answer");
        }
        else if (!was && result.Reachable)
        {
            Log.StorageReachable(_logger);
        }

        return result.Reachable;
    }
}
