namespace Switchyard.Hosting;

/// <summary>How log entries are written to the console (<c>--log-format</c>).</summary>
internal enum LogFormat
{
    /// <summary>One human-readable line per entry (the default).</summary>
    Simple,

    /// <summary>One JSON object per line (Microsoft.Extensions.Logging's JSON console formatter), for log collectors.</summary>
    Json,
}
