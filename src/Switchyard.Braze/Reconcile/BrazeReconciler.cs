using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Reconcile;

/// <summary>
/// Checks users of one Braze output against Braze: reads them with <c>/users/export/ids</c>, 50 per request at the
/// pace of the key's <see cref="ExportPacer"/>, compares each with the output's last-sent ledger
/// (<see cref="LedgerComparison"/>), and for each user whose Braze copy differs expires the drifted ledger fields and
/// queues an outbox item, so the delivery engine sends exactly those fields again from the current profile
/// (docs/braze-client.md, Reconcile). It never writes to Braze itself.
/// </summary>
public sealed class BrazeReconciler
{
    private const int MaxTries = 5;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);

    private readonly string _outputId;
    private readonly ReconciledOutputKind _kind;
    private readonly BrazeIdentityType _externalIdentityType;
    private readonly IDeliveryStore _store;
    private readonly IProfileStore _profiles;
    private readonly BrazeExportClient _client;
    private readonly ExportPacer _pacer;
    private readonly TimeProvider _time;
    private readonly BrazeDeliveryMetrics _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly ILogger _logger;

    public BrazeReconciler(
        string outputId, ReconciledOutputKind kind, BrazeConnection connection, BrazeIdentityType externalIdentityType, IDeliveryStore store,
        IProfileStore profiles, HttpClient http, ExportPacer pacer, TimeProvider time, BrazeDeliveryMetrics metrics, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(connection);
        _outputId = outputId;
        _kind = kind;
        _externalIdentityType = externalIdentityType;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _client = new BrazeExportClient(http ?? throw new ArgumentNullException(nameof(http)), connection);
        _pacer = pacer ?? throw new ArgumentNullException(nameof(pacer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _tag = new KeyValuePair<string, object?>("output", outputId);
        _logger = logger ?? NullLogger.Instance;
    }

    public string OutputId => _outputId;

    /// <summary>The profile known to Braze by this <c>external_id</c> (the output's <c>externalIdentityType</c>); null when none is.</summary>
    public async Task<long?> FindUserAsync(string externalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        if (_externalIdentityType == BrazeIdentityType.Mpid)
        {
            return long.TryParse(externalId, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var mpid)
                && await _profiles.FindProfileAsync(mpid, cancellationToken).ConfigureAwait(false) is not null ? mpid : null;
        }

        return BrazeIdentityTypes.WireName(_externalIdentityType) is { } key ? await _profiles.FindMpidAsync(key, externalId, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Checks these users (any number, in requests of 50) and counts what it found in <paramref name="job"/>.</summary>
    /// <exception cref="BrazeExportException">Braze kept failing the export (after retries), or refused it.</exception>
    public async Task CheckAsync(IReadOnlyList<long> mpids, ReconcileJob job, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mpids);
        ArgumentNullException.ThrowIfNull(job);
        foreach (var chunk in mpids.Distinct().Chunk(BrazeExportClient.MaxIdsPerRequest))
        {
            await CheckChunkAsync(chunk, job, source, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CheckChunkAsync(long[] mpids, ReconcileJob job, string source, CancellationToken cancellationToken)
    {
        var sourceTag = new KeyValuePair<string, object?>("source", source);
        var ledgers = await _store.LastSentAsync(_outputId, mpids, cancellationToken).ConfigureAwait(false);
        var byExternalId = new Dictionary<string, long>(StringComparer.Ordinal);
        var claimsNothing = 0;
        foreach (var mpid in mpids)
        {
            var externalId = await _profiles.FindProfileAsync(mpid, cancellationToken).ConfigureAwait(false) is { } profile ? BrazeUserMapper.ProfileIdentity(_externalIdentityType, profile) : null;
            if (externalId is null)
            {
                job.CountSkipped(1);
            }
            else if (ledgers[mpid].Count == 0)
            {
                // Nothing was sent to this user, so Braze cannot have lost any of it.
                claimsNothing++;
            }
            else
            {
                byExternalId.TryAdd(externalId, mpid);
            }
        }

        job.CountChecked(claimsNothing);
        _metrics.ReconcileUsersChecked.Add(claimsNothing, _tag, sourceTag);
        if (byExternalId.Count == 0)
        {
            return;
        }

        var users = await ExportAsync([.. byExternalId.Keys], job, cancellationToken).ConfigureAwait(false);
        var repairs = new List<OutboxEntry>();
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (externalId, mpid) in byExternalId)
        {
            var drifted = LedgerComparison.Drifted(_kind, ledgers[mpid], users.GetValueOrDefault(externalId));
            if (drifted.Count == 0)
            {
                continue;
            }

            job.CountDrifted();
            _metrics.ReconcileUsersDrifted.Add(1, _tag, sourceTag);
            Log.DriftFound(_logger, _outputId, mpid, users.ContainsKey(externalId), drifted.Count, string.Join(", ", drifted.Take(10)));
            await _store.ExpireLedgerFieldsAsync(_outputId, mpid, drifted, cancellationToken).ConfigureAwait(false);
            repairs.Add(new OutboxEntry(
                _outputId, mpid, _kind == ReconciledOutputKind.Events ? BrazeOutboxPayload.CreateRefresh() : BrazeAudiencePayload.CreateSync(), nowMs));
        }

        job.CountChecked(byExternalId.Count);
        _metrics.ReconcileUsersChecked.Add(byExternalId.Count, _tag, sourceTag);
        if (repairs.Count > 0)
        {
            using (var session = await _profiles.BeginSessionAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var repair in repairs)
                {
                    session.Enqueue(repair);
                }

                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            job.CountRepaired(repairs.Count);
            _metrics.ReconcileUsersRepaired.Add(repairs.Count, _tag, sourceTag);
        }
    }

    private async Task<IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonObject>> ExportAsync(IReadOnlyList<string> externalIds, ReconcileJob job, CancellationToken cancellationToken)
    {
        var fields = LedgerComparison.FieldsToExport(_kind);
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            job.CountExport();
            _metrics.ReconcileExports.Add(1, _tag);
            var result = await _client.ExportAsync(externalIds, fields, cancellationToken).ConfigureAwait(false);
            if (result.Users is { } users)
            {
                return users;
            }

            if (result.RetryAfter is not { } after || attempt >= MaxTries)
            {
                throw new BrazeExportException(result.Error ?? "export failed");
            }

            var earliest = _time.GetUtcNow() + RetryPause * attempt;
            _pacer.PauseUntil(after > earliest ? after : earliest);
            Log.ExportRetried(_logger, _outputId, result.Error ?? "", attempt);
        }
    }
}
