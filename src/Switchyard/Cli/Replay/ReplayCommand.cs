using System.CommandLine;
using System.Net.Http.Headers;

namespace Switchyard.Cli.Replay;

/// <summary>
/// <c>switchyard replay [--url URL] --token T [--output ID] (--id N ... | --all) [--dry-run]</c>: dead letters back into
/// their output's queue through the admin API, or with <c>--dry-run</c> only what that would cost in Braze data points.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliTerminal terminal)
    {
        var url = ServiceUrl.Create();
        var token = new Option<string?>("--token") { Description = "The admin API's bearer token; else SWITCHYARD_ADMIN_TOKEN." };
        var output = new Option<string?>("--output") { Description = "Only dead letters of this output." };
        var ids = new Option<long[]>("--id") { Description = "A dead letter to replay (repeatable: --id 4 --id 9)." };
        var all = new Option<bool>("--all") { Description = "Replay every dead letter (of --output, when given)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Replay nothing: list what would be replayed and the Braze data points it would cost." };

        var command = new Command("replay", "Replay dead letters through the admin API, with progress and a summary; --dry-run prints their Braze data-point cost instead.")
        {
            url, token, output, ids, all, dryRun,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var errors = new List<string>();
            var baseUri = ServiceUrl.Parse(result.GetRequiredValue(url), errors);
            var adminToken = ServiceUrl.Credential(result.GetValue(token), "--token", "SWITCHYARD_ADMIN_TOKEN", terminal, errors);
            var wanted = result.GetValue(ids) ?? [];
            if ((wanted.Length == 0) == !result.GetValue(all))
            {
                errors.Add("give either --id N (repeatable) or --all (one of them).");
            }

            if (errors.Count > 0)
            {
                return ServiceUrl.Usage(terminal, errors);
            }

            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            var run = new ReplayRun(terminal, http);
            return await run.RunAsync(result.GetValue(output), wanted, result.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
