using Switchyard.Core.Audiences;

namespace Switchyard.Hosting;

/// <summary>
/// Puts the workspace file's audiences into the audience store at start-up. A definition is written only when its
/// text differs from the stored one, so an unchanged file does not count as a change. Audiences created through the
/// admin API and absent from the file are kept.
/// </summary>
internal static class WorkspaceAudiences
{
    public static void Apply(Core.Workspace.Workspace workspace, IAudienceStore store)
    {
        foreach (var json in workspace.Audiences)
        {
            var definition = AudienceDefinitionParser.Parse(json).Definition!;
            var canonical = AudienceDefinitionParser.Serialize(definition);
            if (store.Get(definition.Id)?.DefinitionJson != canonical)
            {
                store.Upsert(definition.Id, canonical);
            }
        }
    }
}
