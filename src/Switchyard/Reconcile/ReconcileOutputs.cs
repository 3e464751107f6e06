using Microsoft.Extensions.Logging;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Reconcile;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Hosting;

namespace Switchyard.Reconcile;

/// <summary>
/// One <see cref="BrazeReconciler"/> per Braze output (event and audience outputs), built once: outputs sharing a REST
/// key share one <see cref="ExportPacer"/> at the lowest <c>reconcileExportsPerMinute</c> among them, as they share
/// Braze's export limit.
/// </summary>
internal sealed class ReconcileOutputs : IDisposable
{
    private readonly HttpClient _http = Braze.Client.BrazeHttpClients.Create();
    private readonly Dictionary<string, (BrazeReconciler Reconciler, int SamplePerHour)> _outputs = new(StringComparer.Ordinal);

    public ReconcileOutputs(
        BrazeOutputs events, AudienceSync.AudienceOutputs audiences, IDeliveryStore store, IProfileStore profiles, TimeProvider time,
        BrazeDeliveryMetrics metrics, ILoggerFactory loggers)
    {
        var all = events.All.Select(o => (o.Id, Kind: ReconciledOutputKind.Events, o.Settings.Connection, External: o.Settings.ExternalIdentityType, PerMinute: o.Settings.ReconcileExportsPerMinute, Sample: o.Settings.ReconcileSamplePerHour))
            .Concat(audiences.All.Select(o => (o.Id, Kind: ReconciledOutputKind.Audiences, o.Settings.Connection, External: o.Settings.ExternalIdentityType, PerMinute: o.Settings.ReconcileExportsPerMinute, Sample: o.Settings.ReconcileSamplePerHour)))
            .ToList();
        var pacers = all.GroupBy(o => o.Connection.RestApiKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new ExportPacer(g.Min(o => o.PerMinute), time), StringComparer.Ordinal);
        var logger = loggers.CreateLogger("Switchyard.Reconcile");
        foreach (var o in all)
        {
            var reconciler = new BrazeReconciler(o.Id, o.Kind, o.Connection, o.External, store, profiles, _http, pacers[o.Connection.RestApiKey], time, metrics, logger);
            _outputs[o.Id] = (reconciler, o.Sample);
        }
    }

    public BrazeReconciler? Find(string outputId) => _outputs.TryGetValue(outputId, out var o) ? o.Reconciler : null;

    /// <summary>Outputs with the sampling schedule on, with their users per hour.</summary>
    public IEnumerable<(BrazeReconciler Reconciler, int PerHour)> Sampled() =>
        _outputs.Values.Where(o => o.SamplePerHour > 0);

    public void Dispose() => _http.Dispose();
}
