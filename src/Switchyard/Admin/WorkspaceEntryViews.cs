using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Admin;

/// <summary>An input: where it comes from, and its entry as the workspace file writes it, with the secret redacted.</summary>
/// <param name="Source"><c>file</c> (read-only at run time) or <c>admin</c> (created through the admin API).</param>
internal sealed record InputView(string Id, string Source, JsonElement Definition);

internal sealed record InputList(IReadOnlyList<InputView> Inputs);

/// <summary>A connection of an input to an event output, with its entry as the workspace file writes it.</summary>
internal sealed record ConnectionDetail(string Input, string Output, string Source, JsonElement Definition);

internal sealed record ConnectionList(IReadOnlyList<ConnectionDetail> Connections);

/// <summary>The answer to deleting an input, an output or a connection.</summary>
internal sealed record WorkspaceEntryDeleted(string Kind, string Id, string Note);

/// <summary>The body of <c>POST /admin/inputs</c> and <c>PUT /admin/inputs/{id}</c>: an entry of the file's <c>inputs[]</c> (documentation only).</summary>
internal sealed record InputBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("environment")] string? Environment,
    [property: JsonPropertyName("rateLimit")] RateLimitBody? RateLimit,
    [property: JsonPropertyName("strict")] bool? Strict,
    [property: JsonPropertyName("origins")] IReadOnlyList<string>? Origins,
    [property: JsonPropertyName("brazeWorkspace")] string? BrazeWorkspace,
    [property: JsonPropertyName("brazeScope")] string? BrazeScope,
    [property: JsonPropertyName("brazeAppId")] string? BrazeAppId);

internal sealed record RateLimitBody(
    [property: JsonPropertyName("batchesPerSecond")] int? BatchesPerSecond,
    [property: JsonPropertyName("burst")] int? Burst);

/// <summary>The body of <c>POST /admin/outputs</c> and <c>PUT /admin/outputs/{id}</c>: an entry of the file's <c>outputs[]</c> (documentation only).</summary>
internal sealed record OutputBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("settings")] JsonElement Settings,
    [property: JsonPropertyName("brazeWorkspace")] string? BrazeWorkspace,
    [property: JsonPropertyName("maxInFlight")] int? MaxInFlight);

/// <summary>The body of <c>POST /admin/connections</c> and <c>PUT /admin/connections/{input}/{output}</c>: an entry of the file's <c>connections[]</c> (documentation only).</summary>
internal sealed record ConnectionBody(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("active")] bool? Active,
    [property: JsonPropertyName("echo")] string? Echo,
    [property: JsonPropertyName("mode")] string? Mode,
    [property: JsonPropertyName("kit")] KitBody? Kit);

internal sealed record KitBody(
    [property: JsonPropertyName("apiKey")] string ApiKey,
    [property: JsonPropertyName("cluster")] string? Cluster,
    [property: JsonPropertyName("sdkEndpoint")] string? SdkEndpoint,
    [property: JsonPropertyName("userIdentificationType")] string? UserIdentificationType,
    [property: JsonPropertyName("forwardScreenViews")] bool? ForwardScreenViews,
    [property: JsonPropertyName("bundleCommerceEventData")] bool? BundleCommerceEventData);
