using Microsoft.Extensions.Logging;

namespace Switchyard.Hosting;

/// <summary>The console logger of both verbs, in the chosen <see cref="LogFormat"/>, with the framework's chatter filtered.</summary>
internal static class ConsoleLogging
{
    public static ILoggingBuilder AddSwitchyardConsole(this ILoggingBuilder logging, LogFormat format)
    {
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        return logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            // It warns that keys are stored unencrypted; the console keeps them in memory only (InMemoryKeyRing).
            .AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            // A failed start (a port in use) is reported by the command line in one line; the host would repeat it with a stack trace.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    }
}
