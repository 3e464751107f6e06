using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Admin;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ProfileView))]
[JsonSerializable(typeof(AudienceView))]
[JsonSerializable(typeof(AudienceList))]
[JsonSerializable(typeof(AudienceSize))]
[JsonSerializable(typeof(AudienceMembers))]
[JsonSerializable(typeof(MembershipChangeList))]
[JsonSerializable(typeof(ProcessingView))]
[JsonSerializable(typeof(PartitionsView))]
[JsonSerializable(typeof(OutputList))]
[JsonSerializable(typeof(OutputDetail))]
[JsonSerializable(typeof(DeadLetterList))]
[JsonSerializable(typeof(AudienceConnectionView))]
[JsonSerializable(typeof(AudienceConnectionList))]
[JsonSerializable(typeof(AudienceConnectionChange))]
[JsonSerializable(typeof(AudienceDeleted))]
[JsonSerializable(typeof(ReconcileJobView))]
[JsonSerializable(typeof(ReconcileJobList))]
[JsonSerializable(typeof(InputView))]
[JsonSerializable(typeof(InputList))]
[JsonSerializable(typeof(ConnectionDetail))]
[JsonSerializable(typeof(ConnectionList))]
[JsonSerializable(typeof(WorkspaceEntryDeleted))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;

internal static class AdminJson
{
    public static AdminJsonContext Context { get; } = new(new JsonSerializerOptions(AdminJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
