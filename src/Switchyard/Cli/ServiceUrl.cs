using System.CommandLine;

namespace Switchyard.Cli;

/// <summary>The <c>--url</c> option of the verbs that talk to a running service, and the credentials they take from the environment.</summary>
internal static class ServiceUrl
{
    public static Option<string> Create() => new("--url")
    {
        Description = "Base address of the running Switchyard service.",
        DefaultValueFactory = _ => "http://127.0.0.1:8080",
    };

    /// <summary>The address as a base URI (ending in '/'), or null with a usage error when it is not an http(s) address.</summary>
    public static Uri? Parse(string text, List<string> errors)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return new Uri(uri.ToString().TrimEnd('/') + "/");
        }

        errors.Add($"--url must be an http or https address such as http://127.0.0.1:8080, not '{text}'.");
        return null;
    }

    /// <summary>An option's value, else the environment variable's, else a usage error naming both.</summary>
    public static string? Credential(string? given, string option, string variable, CliTerminal terminal, List<string> errors)
    {
        var value = string.IsNullOrEmpty(given) ? terminal.Variable(variable) : given;
        if (string.IsNullOrEmpty(value))
        {
            errors.Add($"{option} is required (or set {variable}).");
            return null;
        }

        return value;
    }

    /// <summary>Prints usage errors, one line each.</summary>
    public static int Usage(CliTerminal terminal, IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            terminal.Error.WriteLine("error: " + error);
        }

        return CliExit.Usage;
    }
}
