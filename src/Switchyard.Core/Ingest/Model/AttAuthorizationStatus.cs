using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The iOS App Tracking Transparency status, <c>device_info.att_authorization_status</c> (reference/mparticle.md §1.6).</summary>
[JsonConverter(typeof(AttAuthorizationStatusConverter))]
public enum AttAuthorizationStatus
{
    Authorized,
    Denied,
    NotDetermined,
    Restricted,
}
