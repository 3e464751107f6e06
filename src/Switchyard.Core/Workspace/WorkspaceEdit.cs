namespace Switchyard.Core.Workspace;

/// <summary>The outcome of a change to the live workspace: a status, and a message when it was refused.</summary>
public sealed record WorkspaceEdit(WorkspaceEditStatus Status, string Message = "")
{
    /// <summary>The entry changed (a connection's is <c>input/output</c>); null when refused.</summary>
    public string? Id { get; init; }

    public bool Succeeded => Status is WorkspaceEditStatus.Created or WorkspaceEditStatus.Changed or WorkspaceEditStatus.Deleted;

    public static WorkspaceEdit Invalid(string message) => new(WorkspaceEditStatus.Invalid, message);

    public static WorkspaceEdit NotFound(string message) => new(WorkspaceEditStatus.NotFound, message);

    public static WorkspaceEdit Conflict(string message) => new(WorkspaceEditStatus.Conflict, message);
}
