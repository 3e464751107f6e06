using System.CommandLine;
using System.Globalization;

namespace Switchyard.Cli;

/// <summary>The <c>--port</c> option both verbs share (and <c>--https-port</c>): a TCP port, 0 meaning any free one.</summary>
internal static class PortOption
{
    public static Option<int> Create(string description, int defaultPort, string name = "--port") => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultPort,
        // Parsed here rather than by the library's converter: a validator reading a value that did not convert throws,
        // and the process would end with an unhandled exception instead of naming the option.
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
            {
                return port;
            }

            result.AddError($"{name} must be between 0 and 65535 (a whole number), not '{text}'.");
            return 0;
        },
    };
}
