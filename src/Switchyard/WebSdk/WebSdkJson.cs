using System.Text.Json.Serialization;

namespace Switchyard.WebSdk;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WebSdkJson : JsonSerializerContext;
