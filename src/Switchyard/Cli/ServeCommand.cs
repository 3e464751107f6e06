using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Cli;

/// <summary><c>switchyard serve [--config FILE] [--data DIR] [--postgres CONNECTION] [--port N] [--bind ADDRESS] [--https-port N [--tls-cert PEM --tls-key PEM]] [--no-processor] [--log-format simple|json]</c>.</summary>
internal static class ServeCommand
{
    /// <param name="terminal">Where <c>SWITCHYARD_POSTGRES</c> is read from.</param>
    public static Command Create(CliTerminal terminal)
    {
        var config = new Option<FileInfo?>("--config") { Description = "Workspace file (JSON). Without it, the quickstart workspace is used." };
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Data directory (inbox database, quickstart credentials).",
            DefaultValueFactory = _ => new DirectoryInfo("switchyard-data"),
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = $"Store everything in this PostgreSQL database (an Npgsql connection string) instead of SQLite in --data; else {StorageChoice.Variable}, else the workspace file's storage section.",
        };
        var port = PortOption.Create("Port of the Events API.", 8080);
        var noProcessor = new Option<bool>("--no-processor")
        {
            Description = "Accept and store batches without processing them (an ingest-only node); a later start without it processes the backlog.",
        };
        var bind = new Option<string>("--bind") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        bind.Validators.Add(r =>
        {
            if (!System.Net.IPAddress.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError("--bind must be an IP address, such as 127.0.0.1 or 0.0.0.0.");
            }
        });

        var logFormat = LogFormatOption.Create();
        var httpsPort = PortOption.Create("Also listen with HTTPS on this port (browsers' SDKs send config, forwarding and alias over https only).", 0, "--https-port");
        var tlsCertificate = new Option<FileInfo?>("--tls-cert") { Description = "The HTTPS certificate (PEM, may include the chain). Without it, a self-signed certificate is made and kept in the data directory." };
        var tlsKey = new Option<FileInfo?>("--tls-key") { Description = "The private key (PEM) of --tls-cert." };

        var command = new Command("serve", "Run the service: the Events API and the pipeline behind it.") { config, data, postgres, port, bind, noProcessor, logFormat, httpsPort, tlsCertificate, tlsKey };
        command.Validators.Add(r =>
        {
            var withCertificate = r.GetResult(tlsCertificate) is not null;
            var withKey = r.GetResult(tlsKey) is not null;
            if (withCertificate != withKey)
            {
                r.AddError("--tls-cert and --tls-key go together: give both, or neither for a self-signed certificate.");
            }
            else if (withCertificate && r.GetResult(httpsPort) is null or { Implicit: true })
            {
                r.AddError("--tls-cert needs --https-port: it is the certificate of the HTTPS listener.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var dataDirectory = result.GetRequiredValue(data).FullName;
            var configFile = result.GetValue(config);
            QuickstartCredentials? quickstart = null;
            Workspace workspace;
            try
            {
                if (configFile is null)
                {
                    quickstart = Quickstart.LoadOrCreate(dataDirectory);
                    workspace = Quickstart.Workspace(quickstart, sandbox: null);
                }
                else
                {
                    workspace = WorkspaceLoader.LoadFile(configFile.FullName);
                }
            }
            catch (Exception e) when (e is WorkspaceException || StartFailure.IsExpected(e))
            {
                await System.Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            StorageChoice storage;
            string storageDescription;
            try
            {
                storage = StorageChoice.Resolve(result.GetValue(postgres), terminal.Variable(StorageChoice.Variable), workspace.Storage);
                storageDescription = storage.Describe(dataDirectory);
            }
            catch (ArgumentException e)
            {
                await System.Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            var settings = new ServeSettings { Workspace = workspace, DataDirectory = dataDirectory, Storage = storage, Port = result.GetValue(port), BindAddress = result.GetRequiredValue(bind), RunProcessor = !result.GetValue(noProcessor), LogFormat = result.GetValue(logFormat) };
            if (result.GetResult(httpsPort) is { Implicit: false })
            {
                // Checked here, not in a validator: a validator cannot read a port that failed to parse without throwing.
                if (result.GetValue(httpsPort) is var https and not 0 && (https == settings.Port || https == settings.Port + 1))
                {
                    await System.Console.Error.WriteLineAsync($"--https-port {https} is taken by --port or the Braze sandbox (--port + 1); choose another.").ConfigureAwait(false);
                    return 1;
                }

                settings = settings with { HttpsPort = result.GetValue(httpsPort), TlsCertificatePath = result.GetValue(tlsCertificate)?.FullName, TlsKeyPath = result.GetValue(tlsKey)?.FullName };
            }


            // The sandbox (the quickstart's, or the one outputs with "instance": "Sandbox" ask for) starts first: its
            // address goes into the Braze outputs that point at it.
            IReadOnlyList<string> sandboxKeys = quickstart is not null ? [quickstart.SandboxApiKey!] : EmbeddedSandbox.Keys(workspace);
            if (PortsInUse.Describe(settings.BindAddress, settings.Port, withSandbox: sandboxKeys.Count > 0, settings.HttpsPort) is { } busy)
            {
                await System.Console.Error.WriteLineAsync($"error: cannot start on {settings.BindAddress}:{settings.Port}: {busy}").ConfigureAwait(false);
                return 2;
            }

            SandboxServer? sandbox = null;
            try
            {
                sandbox = sandboxKeys.Count == 0 ? null : await StartSandboxAsync(settings, sandboxKeys, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (StartFailure.IsExpected(e))
            {
                return await StartFailure.ReportAsync("cannot start the Braze sandbox on the next port (--port + 1)", e).ConfigureAwait(false);
            }

            await using var runningSandbox = sandbox;
            if (sandbox is not null)
            {
                settings = settings with
                {
                    Workspace = quickstart is not null ? Quickstart.Workspace(quickstart, sandbox.BaseAddress) : EmbeddedSandbox.PointAt(workspace, sandbox.BaseAddress),
                    Sandbox = sandbox.BaseAddress,
                };
            }

            SwitchyardHost host;
            try
            {
                host = await SwitchyardHost.StartAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (StartFailure.IsExpected(e) || e is NotSupportedException)
            {
                // A provider's messages leave the password out; the redaction covers any that a driver worded itself.
                var where = storage.IsPostgres ? storageDescription : $"data in {dataDirectory}";
                return await StartFailure.ReportAsync($"cannot start on {settings.BindAddress}:{settings.Port} with {where}", e, storage.Redact).ConfigureAwait(false);
            }

            await using var runningHost = host;
            if (quickstart is not null && sandbox is not null)
            {
                try
                {
                    await Quickstart.ConnectCurrentsAsync(sandbox.BaseAddress, host.BaseAddress, quickstart, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    await System.Console.Error.WriteLineAsync("warning: the sandbox's Currents connector could not be set: " + e.Message).ConfigureAwait(false);
                }
            }

            var loggers = host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
            ConsoleBanner.Write(settings.LogFormat, loggers, output => StartupBanner.Print(output, host.BaseAddress, settings, quickstart, sandbox?.BaseAddress, host.AdminToken, host.HttpsAddress, host.Tls));
            try
            {
                // The host stops itself on SIGINT/SIGTERM (its console lifetime); the token covers the rest.
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            if (settings.LogFormat == LogFormat.Json)
            {
                Log.Stopping(loggers.CreateLogger("Switchyard.Startup"));
            }
            else
            {
                await System.Console.Out.WriteLineAsync("Stopping: finishing queued writes.").ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The Braze target of the quickstart (or of outputs naming the <c>Sandbox</c> instance): the sandbox in-process on
    /// the next port, its state in the data directory, accepting the given REST API keys. It listens
    /// on loopback whatever <c>--bind</c> says: its control API has no token there, and only this process and this
    /// machine's users need it. Its Currents connector points at the service, on the bound address, so an address that
    /// is not loopback (nor "any", which is reached through 127.0.0.1) is allowed as a Currents target.
    /// </summary>
    private static Task<SandboxServer> StartSandboxAsync(ServeSettings settings, IReadOnlyList<string> apiKeys, CancellationToken cancellationToken)
    {
        var bind = System.Net.IPAddress.Parse(settings.BindAddress);
        var options = new SandboxOptions
        {
            Port = settings.Port == 0 ? 0 : settings.Port + 1,
            DataDirectory = Path.Combine(settings.DataDirectory, "sandbox"),
            ListenOnAnyAddress = false,
            AllowRemoteCurrents = !System.Net.IPAddress.IsLoopback(bind) && !bind.Equals(System.Net.IPAddress.Any) && !bind.Equals(System.Net.IPAddress.IPv6Any),
        };
        foreach (var key in apiKeys)
        {
            options.ApiKeys.Add(new SandboxApiKey(key));
        }

        return SandboxServer.StartAsync(options, SandboxCommand.ConsoleLogging(settings.LogFormat), cancellationToken);
    }
}
