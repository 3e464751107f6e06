namespace Switchyard.Core.Workspace;

/// <summary>Data from an input feed flows to an output while the connection is active.</summary>
public sealed record Connection(string InputId, string OutputId, bool Active = true);
