using System.CommandLine;

namespace Switchyard.Cli;

/// <summary>The <c>--port</c> option both verbs share: a TCP port, 0 meaning any free one.</summary>
internal static class PortOption
{
    public static Option<int> Create(string description, int defaultPort)
    {
        var port = new Option<int>("--port") { Description = description, DefaultValueFactory = _ => defaultPort };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535.");
            }
        });
        return port;
    }
}
