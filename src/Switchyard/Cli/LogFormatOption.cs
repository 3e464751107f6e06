using System.CommandLine;
using Switchyard.Hosting;

namespace Switchyard.Cli;

/// <summary>The <c>--log-format</c> option both verbs share.</summary>
internal static class LogFormatOption
{
    public static Option<LogFormat> Create() => new("--log-format")
    {
        Description = "Console output: simple (default; one readable line per entry) or json (one JSON object per line, the start-up banner included).",
        DefaultValueFactory = _ => LogFormat.Simple,
    };
}
