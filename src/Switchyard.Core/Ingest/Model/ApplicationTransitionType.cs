using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>application_transition_type</c> of an application_state_transition event (reference/mparticle.md §1.3).</summary>
[JsonConverter(typeof(ApplicationTransitionTypeConverter))]
public enum ApplicationTransitionType
{
    ApplicationInitialized,
    ApplicationExit,
    ApplicationBackground,
    ApplicationForeground,
}
