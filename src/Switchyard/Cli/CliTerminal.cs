using Spectre.Console;

namespace Switchyard.Cli;

/// <summary>
/// Where the verbs that report to a person (<c>send</c>, <c>replay</c>, <c>config validate</c>) write, and what they read
/// from the environment: the process's console and variables in the executable, a recording console in tests.
/// </summary>
/// <param name="Out">Tables, summaries and progress.</param>
/// <param name="Error">Usage errors and refusals, one line each, so they stay readable when standard output is piped.</param>
/// <param name="Variable">Reads an environment variable (credentials such as SWITCHYARD_KEY).</param>
/// <param name="Animate">Whether to draw live progress bars; off when output is redirected, where redraws would be noise.</param>
/// <param name="Time">The clock retries wait on.</param>
internal sealed record CliTerminal(IAnsiConsole Out, TextWriter Error, Func<string, string?> Variable, bool Animate, TimeProvider Time)
{
    public static CliTerminal FromProcess() => new(
        AnsiConsole.Console,
        System.Console.Error,
        Environment.GetEnvironmentVariable,
        !System.Console.IsOutputRedirected && AnsiConsole.Console.Profile.Capabilities.Interactive,
        TimeProvider.System);
}
