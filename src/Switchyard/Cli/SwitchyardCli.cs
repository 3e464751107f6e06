using System.CommandLine;

namespace Switchyard.Cli;

/// <summary>The <c>switchyard</c> command line: one verb per way of running.</summary>
internal static class SwitchyardCli
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Switchyard: a self-hosted customer data router for Braze.")
        {
            ServeCommand.Create(),
            SandboxCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
