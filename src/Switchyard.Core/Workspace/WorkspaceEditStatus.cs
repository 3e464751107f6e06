namespace Switchyard.Core.Workspace;

/// <summary>How a change to the live workspace ended.</summary>
public enum WorkspaceEditStatus
{
    Created,
    Changed,
    Deleted,

    /// <summary>The body breaks a rule of the workspace file; the message names the field.</summary>
    Invalid,

    NotFound,

    /// <summary>The change clashes with what exists: an id or key in use, an entry of the workspace file, a connection still using it.</summary>
    Conflict,
}
