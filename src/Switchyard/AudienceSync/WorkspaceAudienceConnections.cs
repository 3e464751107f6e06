using Switchyard.Core.Workspace;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.AudienceSync;

/// <summary>
/// Puts the workspace file's audience connections into the store at start-up, after its audiences. The file wins for
/// the connections it names: a connection it lists as active is activated again (and synced) even if the admin API
/// deactivated it. Connections made through the admin API and absent from the file are kept.
/// </summary>
internal static class WorkspaceAudienceConnections
{
    public static async Task ApplyAsync(Workspace workspace, AudienceOutputs outputs, AudienceConnectionEditor manager, AudienceLinks links, CancellationToken cancellationToken)
    {
        await manager.StartTailsAsync(outputs.Ids, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < workspace.AudienceConnections.Count; i++)
        {
            var connection = workspace.AudienceConnections[i];
            if (await links.ExternalNameAsync(connection.AudienceId, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new WorkspaceException($"audienceConnections[{i}].audience: there is no audience {connection.AudienceId} (define it under audiences or through the admin API first).");
            }

            await manager.SaveAsync(connection.OutputId, connection.AudienceId, connection.Active, cancellationToken).ConfigureAwait(false);
        }
    }
}
