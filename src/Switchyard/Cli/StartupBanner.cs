using Switchyard.Hosting;

namespace Switchyard.Cli;

/// <summary>What <c>serve</c> prints once it listens: where to send data and, for the quickstart, with which credentials.</summary>
internal static class StartupBanner
{
    public static void Print(TextWriter output, Uri address, ServeSettings settings, QuickstartCredentials? quickstart, Uri? sandbox, string adminToken, Uri? https = null, TlsCertificate? tls = null)
    {
        var root = address.ToString().TrimEnd('/');
        if (address.Host is "0.0.0.0" or "[::]")
        {
            // An "any" address is where it listens, not where anyone can connect: name the addresses that work.
            var local = new UriBuilder(address) { Host = address.Host == "0.0.0.0" ? "127.0.0.1" : "[::1]" }.Uri;
            root = local.ToString().TrimEnd('/');
            output.WriteLine($"Switchyard is listening on every address of this machine (--bind {settings.BindAddress}), port {address.Port}");
            output.WriteLine($"  From here       {root}");
            output.WriteLine($"  From elsewhere  http://{System.Net.Dns.GetHostName()}:{address.Port} (or any address of this machine)");
        }
        else
        {
            output.WriteLine($"Switchyard is listening on {root}");
        }

        output.WriteLine($"  Events API      POST {root}/v2/events   (also /v2/bulkevents, /v2/bulkevents/historical)");
        if (https is not null && tls is not null)
        {
            var secure = https.Host is "0.0.0.0" or "[::]" ? new UriBuilder(https) { Host = https.Host == "0.0.0.0" ? "127.0.0.1" : "[::1]" }.Uri : https;
            output.WriteLine($"  HTTPS           {secure.ToString().TrimEnd('/')}  (same routes)");
            output.WriteLine(tls.Generated
                ? $"    certificate   self-signed, kept in {tls.Source}; SHA-256 {tls.Fingerprint}"
                : $"    certificate   {tls.Source}; SHA-256 {tls.Fingerprint}");
        }

        output.WriteLine($"  Data directory  {settings.DataDirectory}");
        if (settings.Storage.IsPostgres)
        {
            output.WriteLine($"  Storage         {settings.Storage.Describe(settings.DataDirectory)}");
        }
        if (!settings.RunProcessor)
        {
            output.WriteLine("  Processor       off (--no-processor): batches are stored, not processed");
        }
        output.WriteLine($"  Console         {root}/  (sign in with the admin token below; API reference at {root}{Console.ConsoleEndpoints.ApiReferencePath})");
        // /admin itself is no page: the banner names a route that answers, e.g. the outputs and their queues.
        output.WriteLine($"  Admin API       {root}/admin/outputs  (Bearer token below; every route: {root}/openapi/v1.json)");
        if (quickstart is not null)
        {
            output.WriteLine($"    token   {adminToken}");
        }
        else
        {
            output.WriteLine(settings.Workspace.AdminToken is null
                ? $"    token   in {Path.Combine(settings.DataDirectory, Hosting.AdminToken.FileName)}"
                : "    token   as set in the workspace file (admin.token)");
        }
        if (quickstart is not null)
        {
            output.WriteLine($"  Input feed '{Quickstart.FeedId}' (quickstart; kept in {Quickstart.FileName} in the data directory):");
            output.WriteLine($"    key     {quickstart.FeedKey}");
            output.WriteLine($"    secret  {quickstart.FeedSecret}");
            output.WriteLine($"  Braze feed '{Quickstart.BrazeFeedId}' (Currents in; the sandbox posts here):");
            output.WriteLine($"    key     {quickstart.BrazeFeedKey}");
            output.WriteLine($"    secret  {quickstart.BrazeFeedSecret}");
            if (sandbox is not null)
            {
                output.WriteLine($"  Braze sandbox   {sandbox.ToString().TrimEnd('/')}  (REST API key {quickstart.SandboxApiKey}; control API under /_sandbox/)");
                WebSdkLine(output, sandbox);
                output.WriteLine($"  Audience output '{Quickstart.AudienceOutputId}': connect audiences with PUT /admin/audience-connections/{Quickstart.AudienceOutputId}/{{audience id}}");
            }
        }
        else
        {
            output.WriteLine($"  Input feeds     {string.Join(", ", settings.Workspace.Inputs.Select(i => i.Id))}");
            if (sandbox is not null)
            {
                output.WriteLine($"  Braze sandbox   {sandbox.ToString().TrimEnd('/')}  (for the outputs with \"instance\": \"{EmbeddedSandbox.InstanceName}\"; control API under /_sandbox/)");
                WebSdkLine(output, sandbox);
            }
        }

        foreach (var connection in settings.Workspace.Connections.Where(c => c.Active))
        {
            output.WriteLine($"  Connection      input '{connection.InputId}' → output '{connection.OutputId}'");
        }

        output.WriteLine("Press Ctrl+C to stop.");
    }

    /// <summary>The embedded sandbox takes the Braze Web SDK's traffic with the documented development SDK key.</summary>
    private static void WebSdkLine(TextWriter output, Uri sandbox) =>
        output.WriteLine($"    Web SDK       baseUrl {sandbox.ToString().TrimEnd('/')}, SDK API key {Sandbox.Hosting.SandboxOptions.DefaultSdkApiKey}");
}
