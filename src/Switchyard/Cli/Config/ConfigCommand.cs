using System.CommandLine;
using Spectre.Console;

namespace Switchyard.Cli.Config;

/// <summary><c>switchyard config validate FILE</c>: checks a workspace file without starting anything.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliTerminal terminal)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The workspace file (JSON with comments) that serve --config would load." };
        var validate = new Command("validate", "Check a workspace file exactly as serve --config loads it; print its inputs, outputs, connections and audiences (secrets redacted), or every error found with its field.") { file };
        validate.SetAction(result =>
        {
            var path = result.GetRequiredValue(file).FullName;
            var (workspace, errors) = WorkspaceCheck.Run(path);
            if (workspace is null)
            {
                foreach (var error in errors)
                {
                    terminal.Error.WriteLine("error: " + error);
                }

                return CliExit.Refused;
            }

            terminal.Out.WriteLine($"valid: {path}");
            terminal.Out.Write(WorkspaceTable.Of(workspace));
            return CliExit.Success;
        });
        return new Command("config", "Work with workspace files.") { validate };
    }
}
