using Switchyard.Hosting;

namespace Switchyard.Cli;

/// <summary>What <c>serve</c> prints once it listens: where to send data and, for the quickstart, with which credentials.</summary>
internal static class StartupBanner
{
    public static void Print(TextWriter output, Uri address, ServeSettings settings, QuickstartCredentials? quickstart, Uri? sandbox)
    {
        var root = address.ToString().TrimEnd('/');
        output.WriteLine($"Switchyard is listening on {root}");
        output.WriteLine($"  Events API      POST {root}/v2/events   (also /v2/bulkevents, /v2/bulkevents/historical)");
        output.WriteLine($"  Data directory  {settings.DataDirectory}");
        if (quickstart is not null)
        {
            output.WriteLine($"  Input feed '{Quickstart.FeedId}' (quickstart; kept in {Quickstart.FileName} in the data directory):");
            output.WriteLine($"    key     {quickstart.FeedKey}");
            output.WriteLine($"    secret  {quickstart.FeedSecret}");
            if (sandbox is not null)
            {
                output.WriteLine($"  Braze sandbox   {sandbox.ToString().TrimEnd('/')}  (REST API key {quickstart.SandboxApiKey}; control API under /_sandbox/)");
            }
        }
        else
        {
            output.WriteLine($"  Input feeds     {string.Join(", ", settings.Workspace.Inputs.Select(i => i.Id))}");
        }

        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }
}
