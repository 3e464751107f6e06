namespace Switchyard.Core.Workspace;

/// <summary>
/// An input, output or connection saved through the admin API, as the workspace file would state it (secrets included).
/// A connection's id is <c>input/output</c>.
/// </summary>
public sealed record StoredWorkspaceEntry(WorkspaceEntryKind Kind, string Id, string Json, long UpdatedAtMs)
{
    /// <summary>Holds secrets: never printed.</summary>
    public override string ToString() => $"StoredWorkspaceEntry {{ Kind = {Kind}, Id = {Id} }}";
}
