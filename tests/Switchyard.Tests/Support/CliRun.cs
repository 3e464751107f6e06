using Spectre.Console.Testing;
using Switchyard.Cli;

namespace Switchyard.Tests.Support;

/// <summary>
/// Runs a <c>switchyard</c> command line in this process through the CLI's own entry, with a recording console in place
/// of the terminal, so a test reads exactly what a user would see.
/// </summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) => await RunAsync(environment, animate: false, args);

    /// <param name="animate">Draw the progress bar as on an interactive terminal.</param>
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, bool animate, params string[] args) =>
        RunAsync(environment, animate, CancellationToken.None, args);

    /// <param name="stop">Cancelled as Ctrl+C cancels the running verb.</param>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, bool animate, CancellationToken stop, params string[] args)
    {
        using var console = new TestConsole();
        console.Profile.Width = 200;
        if (animate)
        {
            console.Interactive();
        }

        using var error = new StringWriter();
        var terminal = new CliTerminal(console, error, name => environment?.GetValueOrDefault(name), Animate: animate, TimeProvider.System);
        var exit = await SwitchyardCli.RunAsync(args, terminal, stop);
        return new CliRun(exit, console.Output, error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Output}\n--- err ---\n{Error}";
}
