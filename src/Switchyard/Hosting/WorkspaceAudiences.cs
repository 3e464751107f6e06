using Switchyard.Core.Audiences;
using Switchyard.Core.Processing;
using Switchyard.Core.Workspace;

namespace Switchyard.Hosting;

/// <summary>
/// Puts the workspace file's audiences into the audience store at start-up. A definition is written only when its
/// text differs from the stored one, so an unchanged file does not count as a change. Audiences created through the
/// admin API and absent from the file are kept.
/// </summary>
internal static class WorkspaceAudiences
{
    /// <remarks>
    /// A new or changed definition must not look further back than profiles keep events (the processing settings);
    /// one already stored is not checked again, so a date range that ages past the retention does not stop a restart.
    /// </remarks>
    public static async Task ApplyAsync(Core.Workspace.Workspace workspace, IAudienceStore store, ProcessingSettings settings, long nowMs, CancellationToken cancellationToken)
    {
        for (var i = 0; i < workspace.Audiences.Count; i++)
        {
            var definition = AudienceDefinitionParser.Parse(workspace.Audiences[i]).Definition!;
            var canonical = AudienceDefinitionParser.Serialize(definition);
            if ((await store.GetAsync(definition.Id, cancellationToken).ConfigureAwait(false))?.DefinitionJson == canonical)
            {
                continue;
            }

            if (AudienceLimits.Check(definition, settings.EventRetention, settings.MaxOccurrencesPerEventKey, nowMs) is [var first, ..])
            {
                throw new WorkspaceException($"audiences[{i}].{first.Path}: {first.Message}");
            }

            await store.UpsertAsync(definition.Id, canonical, rule: null, cancellationToken).ConfigureAwait(false);
        }
    }
}
