namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// The data of the miscellaneous event types (<c>crash_report</c>, <c>network_performance</c>, <c>breadcrumb</c>,
/// <c>uninstall</c>, <c>first_run</c>, <c>pre_attribution</c>, <c>push_reaction</c>, <c>validation_result</c>,
/// <c>unknown</c>). reference/mparticle.md §1.3 lists them as "misc; not sent to Braze", so only the common
/// fields are modelled; their other fields stay in the raw batch.
/// </summary>
public sealed class GenericEventData : EventData
{
}
