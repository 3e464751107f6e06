using Switchyard.Braze.Engine;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.AudienceSync;

/// <summary>The connected audiences of an output (<see cref="ConnectedAudiences"/>) as the Braze audience engine takes them.</summary>
internal sealed class AudienceLinks(ConnectedAudiences connected) : Braze.Outputs.IAudienceLinkSource
{
    /// <summary>
    /// The output's connections for the engine. The engine does not use the name of an inactive link (a clean-up uses
    /// the name kept in its ledger).
    /// </summary>
    public async Task<IReadOnlyList<AudienceLink>> OfAsync(string outputId, CancellationToken cancellationToken) =>
        [.. (await connected.OfAsync(outputId, cancellationToken).ConfigureAwait(false)).Select(c => new AudienceLink(c.AudienceId, c.ExternalName, c.Active))];

    /// <summary>The external name of an audience that exists, else null.</summary>
    public Task<string?> ExternalNameAsync(int audienceId, CancellationToken cancellationToken) => connected.ExternalNameAsync(audienceId, cancellationToken);
}
