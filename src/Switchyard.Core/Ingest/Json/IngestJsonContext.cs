using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// The source-generated serializer metadata for the Events API model: snake_case names as on the wire,
/// case-sensitive names (faster, and the wire is lower case), unknown properties ignored (clients send
/// internal fields), strict numbers, a depth limit far above any real batch but low enough to stop
/// hostile nesting, and a property the model reads refused when it is named twice (which value would count is
/// the reader's choice, and another reader of the stored raw batch could choose differently).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    MaxDepth = IngestJsonLimits.MaxDepth,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    AllowDuplicateProperties = false,
    Converters = [typeof(FiniteDoubleConverter)])]
[JsonSerializable(typeof(Batch))]
[JsonSerializable(typeof(CustomEventData))]
[JsonSerializable(typeof(CommerceEventData))]
[JsonSerializable(typeof(ScreenViewEventData))]
[JsonSerializable(typeof(SessionStartEventData))]
[JsonSerializable(typeof(SessionEndEventData))]
[JsonSerializable(typeof(OptOutEventData))]
[JsonSerializable(typeof(PushRegistrationEventData))]
[JsonSerializable(typeof(ApplicationStateTransitionEventData))]
[JsonSerializable(typeof(PushMessageEventData))]
[JsonSerializable(typeof(UserAttributeChangeEventData))]
[JsonSerializable(typeof(UserIdentityChangeEventData))]
[JsonSerializable(typeof(ProfileEventData))]
[JsonSerializable(typeof(GenericEventData))]
internal sealed partial class IngestJsonContext : JsonSerializerContext
{
}
