using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>profile_event_type</c> of a profile event (reference/mparticle.md §1.3).</summary>
[JsonConverter(typeof(ProfileEventTypeConverter))]
public enum ProfileEventType
{
    Signup,
    Login,
    Logout,
    Update,
    Delete,
}
