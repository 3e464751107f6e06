using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>application_info.os</c> of a batch (reference/mparticle.md §1.2).</summary>
[JsonConverter(typeof(ApplicationOsConverter))]
public enum ApplicationOs
{
    Unknown,
    IOS,
    Android,
    WindowsPhone,
    MobileWeb,
    UnityIOS,
    UnityAndroid,
    Desktop,
    TVOS,
    Roku,
    OutOfBand,
    Alexa,
    SmartTV,
    FireTV,
    Xbox,
}
