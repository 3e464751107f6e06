namespace Switchyard.Core.Workspace;

/// <summary>
/// Echo suppression: what entered through a Braze feed is not sent back to a Braze output of the same Braze workspace,
/// where it would arrive as new events and could loop. A missing label on either side means "assume the same workspace",
/// so nothing loops by default; only two different labels, or <see cref="EchoPolicy.Forward"/>, let it through.
/// Processing (profiles, events, audiences) is not affected: only the outbox item for that output is left out.
/// </summary>
public static class EchoRule
{
    public static bool Suppresses(InputFeed input, Connection connection, OutputDefinition output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(output);
        return input.IsBrazeFeed
            && connection.Echo == EchoPolicy.Suppress
            && output.IsBraze
            && (input.BrazeWorkspace is null || output.BrazeWorkspace is null
                || string.Equals(input.BrazeWorkspace, output.BrazeWorkspace, StringComparison.Ordinal));
    }
}
