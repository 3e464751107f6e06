using System.Text.Json.Serialization;

namespace Switchyard.Core.Workspace;

/// <summary>The workspace file as written (docs/configuration.md); validated into <see cref="Workspace"/>.</summary>
internal sealed class WorkspaceDocument
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public List<InputFeedDocument?>? Inputs { get; set; }

    public AdminDocument? Admin { get; set; }

    public ProcessingDocument? Processing { get; set; }

    public List<OutputDocument?>? Outputs { get; set; }

    public List<ConnectionDocument?>? Connections { get; set; }

    public List<AudienceConnectionDocument?>? AudienceConnections { get; set; }

    /// <summary>Kept as JSON: the audience parser validates each definition with its own paths.</summary>
    public List<System.Text.Json.JsonElement>? Audiences { get; set; }

    public PrivacyDocument? Privacy { get; set; }

    public StorageDocument? Storage { get; set; }
}

internal sealed class StorageDocument
{
    public string? Provider { get; set; }

    public string? ConnectionString { get; set; }

    public bool? Notifications { get; set; }
}

internal sealed class PrivacyDocument
{
    public List<string?>? DsrCallbackUrls { get; set; }

    public double? ErasureWaitingHours { get; set; }

    public string? PublicBaseUrl { get; set; }
}

internal sealed class AdminDocument
{
    public string? Token { get; set; }
}

internal sealed class ProcessingDocument
{
    public List<string?>? UniqueIdentities { get; set; }

    public int? EventRetentionDays { get; set; }

    public int? InboxRetentionDays { get; set; }

    public int? Partitions { get; set; }

    public int? PartitionWorkers { get; set; }
}

internal sealed class InputFeedDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Key { get; set; }

    public string? Secret { get; set; }

    public string? Environment { get; set; }

    public FeedRateLimitDocument? RateLimit { get; set; }

    public bool? Strict { get; set; }

    public string? Kind { get; set; }

    public string? BrazeWorkspace { get; set; }

    public string? BrazeScope { get; set; }

    public string? BrazeAppId { get; set; }

    public List<string?>? Origins { get; set; }
}

internal sealed class FeedRateLimitDocument
{
    public int? BatchesPerSecond { get; set; }

    public int? Burst { get; set; }
}

internal sealed class OutputDocument
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? BrazeWorkspace { get; set; }

    public int? MaxInFlight { get; set; }

    /// <summary>Kept as JSON: each output type validates its own settings.</summary>
    public System.Text.Json.JsonElement? Settings { get; set; }
}

internal sealed class ConnectionDocument
{
    public string? Input { get; set; }

    public string? Output { get; set; }

    public bool? Active { get; set; }

    public string? Echo { get; set; }

    public string? Mode { get; set; }

    public BrazeKitDocument? Kit { get; set; }
}

internal sealed class BrazeKitDocument
{
    public string? ApiKey { get; set; }

    public string? Cluster { get; set; }

    public string? SdkEndpoint { get; set; }

    public string? UserIdentificationType { get; set; }

    public bool? ForwardScreenViews { get; set; }

    public bool? BundleCommerceEventData { get; set; }
}

internal sealed class AudienceConnectionDocument
{
    public string? Output { get; set; }

    public int? Audience { get; set; }

    public bool? Active { get; set; }
}
