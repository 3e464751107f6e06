using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// One Events API v2 batch: the events and state of one user (reference/mparticle.md §1.2). Collections are never
/// null (a JSON <c>null</c> reads as empty), so later stages need no null checks on them.
/// </summary>
/// <remarks>
/// The model types have setters rather than init-only properties: the source-generated deserializer fills
/// init-only properties through a boxed constructor-argument array, which costs allocations on the hot path.
/// Treat a parsed batch as read-only.
/// </remarks>
public sealed class Batch
{
    public IReadOnlyList<BatchEvent> Events { get; set => field = value ?? []; } = [];

    /// <summary>The client's de-duplication key, per API key (§1.2).</summary>
    public string? SourceRequestId { get; set; }

    /// <summary>
    /// <c>development</c>, <c>production</c> or <c>unknown</c>. When the field is missing it is
    /// <see cref="BatchEnvironment.Production"/>, as mParticle documents (§1.2).
    /// </summary>
    public BatchEnvironment Environment { get; set; } = BatchEnvironment.Production;

    /// <summary>
    /// User attributes: strings, numbers, booleans, null (a tag, §1.7) or lists of strings. Never null.
    /// Keys are kept as sent; reserved keys (<c>$FirstName</c>…) are matched case-insensitively downstream.
    /// </summary>
    [JsonConverter(typeof(UserAttributesConverter))]
    public IReadOnlyDictionary<string, AttributeValue> UserAttributes { get; set => field = value ?? EmptyAttributes.Map; } = EmptyAttributes.Map;

    public IReadOnlyList<string> DeletedUserAttributes { get; set => field = value ?? []; } = [];

    public UserIdentities? UserIdentities { get; set; }

    public DeviceInfo? DeviceInfo { get; set; }

    public ApplicationInfo? ApplicationInfo { get; set; }

    /// <summary>The mParticle user id: a JSON number or a numeric string (clients send both), int64.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? Mpid { get; set; }

    /// <summary>The end user's IP address (input only).</summary>
    public string? Ip { get; set; }

    public BatchContext? Context { get; set; }

    public ConsentState? ConsentState { get; set; }

    /// <summary>Module id → integration-specific attributes. Never null.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> IntegrationAttributes { get; set => field = value ?? EmptyIntegrationAttributes; } = EmptyIntegrationAttributes;

    /// <summary>Partner identity type → value. Never null.</summary>
    public IReadOnlyDictionary<string, string?> PartnerIdentities { get; set => field = value ?? EmptyPartnerIdentities; } = EmptyPartnerIdentities;

    [JsonPropertyName("mp_deviceid")]
    public string? MpDeviceId { get; set; }

    public SourceInfo? SourceInfo { get; set; }

    public long? TimestampUnixtimeMs { get; set; }

    /// <summary>Always 2 on output; accepted but not checked on input.</summary>
    public int? SchemaVersion { get; set; }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> EmptyIntegrationAttributes { get; } =
        System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>.Empty;

    private static IReadOnlyDictionary<string, string?> EmptyPartnerIdentities { get; } =
        System.Collections.ObjectModel.ReadOnlyDictionary<string, string?>.Empty;
}
