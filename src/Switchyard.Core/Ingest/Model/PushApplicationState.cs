using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>application_state</c> of a push_message event (reference/mparticle.md §1.3).</summary>
[JsonConverter(typeof(PushApplicationStateConverter))]
public enum PushApplicationState
{
    NotRunning,
    Background,
    Foreground,
}
