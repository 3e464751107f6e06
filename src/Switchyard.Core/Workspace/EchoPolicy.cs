namespace Switchyard.Core.Workspace;

/// <summary>What a connection does with data that came from Braze and would go back to the same Braze workspace.</summary>
public enum EchoPolicy
{
    /// <summary>Not sent: Braze already holds it, and sending it back would loop engagement into Braze as new events.</summary>
    Suppress,

    /// <summary>Sent like any other data.</summary>
    Forward,
}
