namespace Switchyard.Core.Workspace;

/// <summary>Data from an input feed flows to an output while the connection is active.</summary>
public sealed record Connection(string InputId, string OutputId, bool Active = true)
{
    /// <summary>Whether data from a Braze feed may go back to the same Braze workspace (see <see cref="EchoRule"/>).</summary>
    public EchoPolicy Echo { get; init; } = EchoPolicy.Suppress;

    /// <summary>Server to server (the default), or left to the Braze kit in the page (web inputs only).</summary>
    public ConnectionMode Mode { get; init; } = ConnectionMode.Server;

    /// <summary>The Braze kit's settings of a kit-mode connection; null otherwise.</summary>
    public BrazeKitSettings? Kit { get; init; }
}
