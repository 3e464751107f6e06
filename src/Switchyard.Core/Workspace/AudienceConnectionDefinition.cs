namespace Switchyard.Core.Workspace;

/// <summary>An audience connected to an audience output in the workspace file (<c>audienceConnections[]</c>).</summary>
public sealed record AudienceConnectionDefinition(string OutputId, int AudienceId, bool Active = true);
