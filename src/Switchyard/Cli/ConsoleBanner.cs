using Microsoft.Extensions.Logging;
using Switchyard.Hosting;

namespace Switchyard.Cli;

/// <summary>
/// Writes a start-up banner: as text, or, with <c>--log-format json</c>, as one log entry (event 1012) so that every
/// line on the console is a JSON object. The content is the same either way.
/// </summary>
internal static class ConsoleBanner
{
    public static void Write(LogFormat format, ILoggerFactory loggers, Action<TextWriter> print)
    {
        if (format == LogFormat.Simple)
        {
            print(System.Console.Out);
            System.Console.Out.Flush();
            return;
        }

        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        print(text);
        Log.StartupBanner(loggers.CreateLogger("Switchyard.Startup"), text.ToString().TrimEnd());
    }
}
