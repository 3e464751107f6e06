using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Cli;

/// <summary>
/// <c>switchyard sandbox [--port N] [--data DIR] [--api-key KEY]... [--sdk-api-key KEY]... [--sdk-origin ORIGIN]... [--bind-any] [--allow-remote-currents]
/// [--batch-rule combined75|per-array75|combined50] [--array-cap N] [--consistency-delay MS]
/// [--require-fields-to-export] [--export-without-fields] [--accept-any-key] [--strict] [--log-format simple|json]</c>: the Braze sandbox alone.
/// </summary>
internal static class SandboxCommand
{
    private const string KeyFileName = "sandbox-api-key.txt";

    public static Command Create()
    {
        var port = PortOption.Create("Port of the sandbox's Braze REST API.", 8081);
        var data = new Option<DirectoryInfo?>("--data") { Description = "Keep state in this directory (SQLite) so it survives restarts; in memory without it." };
        var keys = new Option<string[]>("--api-key")
        {
            Description = "A REST API key to accept (repeatable), optionally with its permissions: KEY or KEY:users.track,users.export.ids. Without one, a key is generated and printed.",
            AllowMultipleArgumentsPerToken = false,
        };
        var sdkKeys = new Option<string[]>("--sdk-api-key")
        {
            Description = $"A Braze Web SDK API key /api/v3/data/ accepts (repeatable). Without one, the sandbox accepts {SandboxOptions.DefaultSdkApiKey}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var sdkOrigins = new Option<string[]>("--sdk-origin")
        {
            Description = "An origin (https://shop.example, http://127.0.0.1:3000) whose pages may call the Web SDK routes (repeatable). Without one, every origin may.",
            AllowMultipleArgumentsPerToken = false,
        };
        var bindAny = new Option<bool>("--bind-any")
        {
            Description = "Listen on every address instead of loopback only. The control API (/_sandbox/*) then needs the control token printed at start (Authorization: Bearer <token>).",
        };
        var allowRemoteCurrents = new Option<bool>("--allow-remote-currents")
        {
            Description = "Let the Currents connector point at another machine; without it only loopback addresses and localhost are accepted.",
        };

        var batchRule = SandboxRealismOptions.BatchRule();
        var arrayCap = SandboxRealismOptions.ArrayCap();
        var consistencyDelay = SandboxRealismOptions.ConsistencyDelay();
        var requireFields = new Option<bool>("--require-fields-to-export")
        {
            Description = "Refuse /users/export/ids without fields_to_export (400), as Braze does for workspaces onboarded on or after 2024-08-22. The default; kept so scripts that pass it still start.",
        };
        var exportWithoutFields = new Option<bool>("--export-without-fields")
        {
            Description = "Let /users/export/ids omit fields_to_export and export every field, as workspaces onboarded before 2024-08-22 may.",
        };
        var acceptAnyKey = new Option<bool>("--accept-any-key")
        {
            Description = "Accept any REST API key, with every permission, besides those given with --api-key (Braze refuses unknown keys; without --api-key no key is generated).",
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Turn on every documented Braze refusal the sandbox can relax, overriding --export-without-fields and --accept-any-key.",
        };
        var logFormat = LogFormatOption.Create();

        var command = new Command("sandbox", "Run the Braze sandbox alone: a local, stateful, Braze-compatible REST API.") { port, data, keys, sdkKeys, sdkOrigins, bindAny, allowRemoteCurrents, batchRule, arrayCap, consistencyDelay, requireFields, exportWithoutFields, acceptAnyKey, strict, logFormat };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = result.GetValue(data)?.FullName;
            var options = new SandboxOptions
            {
                Port = result.GetValue(port),
                DataDirectory = directory,
                ListenOnAnyAddress = result.GetValue(bindAny),
                AllowRemoteCurrents = result.GetValue(allowRemoteCurrents),
                BatchRule = result.GetValue(batchRule),
                ArrayAttributeCap = result.GetValue(arrayCap),
                ConsistencyDelay = TimeSpan.FromMilliseconds(result.GetValue(consistencyDelay)),
                RequireFieldsToExport = result.GetValue(requireFields) || !result.GetValue(exportWithoutFields),
                AcceptAnyKey = result.GetValue(acceptAnyKey),
                Strict = result.GetValue(strict),
            };
            var open = options.AcceptAnyKey && !options.Strict;
            var given = result.GetValue(keys) ?? [];
            string? generated;
            try
            {
                generated = given.Length == 0 && !open ? LoadOrCreateKey(directory) : null;
            }
            catch (Exception e) when (StartFailure.IsExpected(e))
            {
                return await StartFailure.ReportAsync("cannot keep the generated key in the data directory", e).ConfigureAwait(false);
            }

            foreach (var key in generated is null ? given : [generated])
            {
                options.ApiKeys.Add(ParseKey(key));
            }

            foreach (var key in result.GetValue(sdkKeys) ?? [])
            {
                options.SdkApiKeys.Add(key);
            }

            foreach (var origin in result.GetValue(sdkOrigins) ?? [])
            {
                options.SdkAllowedOrigins.Add(origin);
            }

            SandboxServer server;
            try
            {
                server = await SandboxServer.StartAsync(options, ConsoleLogging(result.GetValue(logFormat)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (StartFailure.IsExpected(e))
            {
                return await StartFailure.ReportAsync("cannot start the sandbox", e).ConfigureAwait(false);
            }

            await using var running = server;
            var root = server.BaseAddress.ToString().TrimEnd('/');
            ConsoleBanner.Write(result.GetValue(logFormat), server.Services.GetRequiredService<ILoggerFactory>(), output =>
            {
                output.WriteLine($"Braze sandbox is listening on {root}");
                output.WriteLine($"  REST API        POST {root}/users/track, /users/export/ids, /users/delete, /users/alias/new, /users/alias/update, /users/identify, /users/merge, /users/external_ids/rename, /users/external_ids/remove");
                output.WriteLine($"  Web SDK         POST {root}/api/v3/data/  (baseUrl {root}; SDK API key {string.Join(", ", options.SdkApiKeys.DefaultIfEmpty(SandboxOptions.DefaultSdkApiKey))})");
                output.WriteLine($"  Control API     {root}/_sandbox/  (segments, faults, ratelimits, requests, datapoints, users, currents, reset)");
                if (server.ControlToken is { } controlToken)
                {
                    // Listening on every address: the control API is reachable from other machines, so it takes a token.
                    output.WriteLine($"    token         {controlToken}  (Authorization: Bearer <token>; a new one at every start)");
                }

                output.WriteLine($"  State           {directory ?? "in memory"}");
                output.WriteLine(generated is not null ? $"  REST API key    {generated}"
                    : open ? $"  REST API keys   any key accepted ({given.Length} given on the command line keep their permissions)"
                    : $"  REST API keys   {given.Length} given on the command line");
                output.WriteLine("Press Ctrl+C to stop.");
            });
            try
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>KEY</c> (every permission) or <c>KEY:perm,perm</c> (only those).</summary>
    internal static SandboxApiKey ParseKey(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new SandboxApiKey(value)
            : new SandboxApiKey(value[..colon], value[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    internal static Action<IServiceCollection> ConsoleLogging(LogFormat format) =>
        services => services.AddLogging(logging => logging.AddSwitchyardConsole(format).SetMinimumLevel(LogLevel.Information));

    /// <summary>A generated key is kept in the data directory, so a restarted sandbox accepts the same key.</summary>
    private static string LoadOrCreateKey(string? directory)
    {
        var path = directory is null ? null : Path.Combine(directory, KeyFileName);
        if (path is not null && File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } kept)
        {
            return kept;
        }

        var key = "sandbox-" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        if (path is not null)
        {
            Core.Storage.PrivateFiles.CreateDirectory(directory!);
            Hosting.SecretFile.WriteAllText(path, key);
        }

        return key;
    }
}
