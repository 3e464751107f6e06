using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>device_info.platform</c> of a batch (reference/mparticle.md §1.6; <c>desktop</c> comes from the event models).</summary>
[JsonConverter(typeof(DevicePlatformConverter))]
public enum DevicePlatform
{
    IOS,
    Android,
    Web,
    TvOS,
    Roku,
    OutOfBand,
    Alexa,
    SmartTv,
    FireTv,
    Xbox,
    Desktop,
}
