using System.CommandLine;
using Switchyard.Cli.Config;
using Switchyard.Cli.Replay;
using Switchyard.Cli.Send;

namespace Switchyard.Cli;

/// <summary>The <c>switchyard</c> command line: one verb per way of running.</summary>
internal static class SwitchyardCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliTerminal.FromProcess());

    /// <summary>Runs a command line with its reports going to <paramref name="terminal"/> (tests pass a recording console).</summary>
    public static Task<int> RunAsync(string[] args, CliTerminal terminal, CancellationToken cancellationToken = default)
    {
        var reporting = new[] { SendCommand.Create(terminal), ReplayCommand.Create(terminal), ConfigCommand.Create(terminal) };
        var root = new RootCommand("Switchyard: a self-hosted customer data router for Braze.")
        {
            ServeCommand.Create(terminal),
            SandboxCommand.Create(),
        };
        foreach (var command in reporting)
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        // The verbs that report to a person exit 2 on a usage error, so a script can tell "you called me wrong" from
        // "the service refused something" (1); serve and sandbox keep the library's 1.
        if (parsed.Errors.Count > 0 && IsUnder(parsed.CommandResult.Command, reporting))
        {
            foreach (var error in parsed.Errors)
            {
                terminal.Error.WriteLine("error: " + error.Message);
            }

            return Task.FromResult(CliExit.Usage);
        }

        return parsed.InvokeAsync(cancellationToken: cancellationToken);
    }

    private static bool IsUnder(Command command, Command[] verbs) =>
        verbs.Contains(command) || verbs.Any(v => v.Subcommands.Contains(command));
}
