namespace Switchyard.Core.Workspace;

/// <summary>What a workspace entry saved through the admin API is.</summary>
public enum WorkspaceEntryKind
{
    Input,
    Output,
    Connection,
}
