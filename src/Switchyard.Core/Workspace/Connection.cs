namespace Switchyard.Core.Workspace;

/// <summary>Data from an input feed flows to an output while the connection is active.</summary>
public sealed record Connection(string InputId, string OutputId, bool Active = true)
{
    /// <summary>Whether data from a Braze feed may go back to the same Braze workspace (see <see cref="EchoRule"/>).</summary>
    public EchoPolicy Echo { get; init; } = EchoPolicy.Suppress;
}
