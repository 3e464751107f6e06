namespace Switchyard.Core.Workspace;

/// <summary>The workspace file is unreadable or invalid; the message names the file and the field.</summary>
public sealed class WorkspaceException(string message, Exception? inner = null) : Exception(message, inner);
