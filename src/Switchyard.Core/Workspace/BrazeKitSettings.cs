namespace Switchyard.Core.Workspace;

/// <summary>
/// What the Braze kit in a page needs (the <c>kitConfigs</c> entry of the Web SDK's configuration): the Braze Web SDK
/// key of the site's Braze app, where Braze's SDK endpoint is (a cluster, or a custom <c>host:port</c>), which identity
/// names the user in Braze, and two mapping choices.
/// </summary>
/// <param name="Cluster">Braze's cluster as the kit names it (<c>01</c>…<c>08</c>, <c>EU</c>, <c>EU02</c>); null with <paramref name="SdkEndpoint"/>.</param>
/// <param name="SdkEndpoint">A custom SDK endpoint <c>host[:port]</c> (the kit sends to <c>https://{it}/api/v3</c>); null with a cluster.</param>
public sealed record BrazeKitSettings(
    string ApiKey,
    string? Cluster,
    string? SdkEndpoint,
    string UserIdentificationType,
    bool ForwardScreenViews,
    bool BundleCommerceEventData)
{
    /// <summary>The identity types the kit can call <c>changeUser</c> with.</summary>
    public static readonly IReadOnlyList<string> IdentificationTypes = ["MPID", "CustomerId", "Email", "Other", "Other2", "Other3", "Other4"];

    /// <summary>The clusters the kit maps to Braze's SDK hosts.</summary>
    public static readonly IReadOnlyList<string> Clusters = ["01", "02", "03", "04", "05", "06", "08", "EU", "EU02"];

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"BrazeKitSettings {{ Cluster = {Cluster}, SdkEndpoint = {SdkEndpoint}, UserIdentificationType = {UserIdentificationType} }}";
}
