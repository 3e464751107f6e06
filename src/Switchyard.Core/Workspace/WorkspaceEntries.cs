using System.Text.Json;

namespace Switchyard.Core.Workspace;

/// <summary>
/// Writes an input, output or connection back as the workspace file states it, so what the admin API saved reads back
/// through <see cref="WorkspaceLoader"/> unchanged, and what it shows can be edited and sent again.
/// </summary>
public static class WorkspaceEntries
{
    /// <summary>What a secret is shown as; sent back in a change, it keeps the secret as it is.</summary>
    public const string RedactedSecret = "[redacted]";

    public static string Describe(InputFeed feed, bool redactSecret)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var brazeFeed = feed.IsBrazeFeed;
        var document = new InputFeedDocument
        {
            Id = feed.Id,
            Name = feed.Name,
            Key = feed.Key,
            Secret = feed.IsWeb ? null : redactSecret ? RedactedSecret : feed.Secret,
            Environment = feed.Environment,
            RateLimit = new FeedRateLimitDocument { BatchesPerSecond = feed.RateLimit.BatchesPerSecond, Burst = feed.RateLimit.Burst },
            Strict = feed.Strict,
            Kind = KindName(feed.Kind),
            BrazeWorkspace = feed.BrazeWorkspace,
            BrazeScope = brazeFeed ? feed.BrazeScope == BrazeFeedScope.App ? "app" : "workspace" : null,
            BrazeAppId = feed.BrazeAppId,
            Origins = feed.IsWeb ? [.. feed.Origins] : null,
        };
        return JsonSerializer.Serialize(document, WorkspaceJsonContext.Default.InputFeedDocument);
    }

    public static string Describe(OutputDefinition output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var settings = JsonDocument.Parse(output.SettingsJson);
        var document = new OutputDocument { Id = output.Id, Type = output.Type, BrazeWorkspace = output.BrazeWorkspace, MaxInFlight = output.MaxInFlight, Settings = settings.RootElement.Clone() };
        return JsonSerializer.Serialize(document, WorkspaceJsonContext.Default.OutputDocument);
    }

    /// <summary>A kit's API key is not redacted: it is the Braze Web SDK key every page of the site is served.</summary>
    public static string Describe(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var document = new ConnectionDocument
        {
            Input = connection.InputId,
            Output = connection.OutputId,
            Active = connection.Active,
            Echo = connection.Echo == EchoPolicy.Forward ? "forward" : "suppress",
            Mode = connection.Mode == ConnectionMode.Kit ? "kit" : "server",
            Kit = connection.Kit is { } kit
                ? new BrazeKitDocument
                {
                    ApiKey = kit.ApiKey,
                    Cluster = kit.Cluster,
                    SdkEndpoint = kit.SdkEndpoint,
                    UserIdentificationType = kit.UserIdentificationType,
                    ForwardScreenViews = kit.ForwardScreenViews,
                    BundleCommerceEventData = kit.BundleCommerceEventData,
                }
                : null,
        };
        return JsonSerializer.Serialize(document, WorkspaceJsonContext.Default.ConnectionDocument);
    }

    /// <summary>The kind as the file writes it (<c>inputs[].kind</c>).</summary>
    public static string KindName(InputFeedKind kind) => kind switch
    {
        InputFeedKind.Web => "web",
        InputFeedKind.BrazeIos => "braze_ios",
        InputFeedKind.BrazeAndroid => "braze_android",
        InputFeedKind.BrazeWeb => "braze_web",
        InputFeedKind.BrazeUnbound => "braze_unbound",
        _ => "events",
    };
}
