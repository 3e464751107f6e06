using System.Text.Json.Serialization;

namespace Switchyard.Storage.Sqlite.Profiles;

[JsonSerializable(typeof(long[]))]
internal sealed partial class PrivacyJsonContext : JsonSerializerContext;
