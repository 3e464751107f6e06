using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.Cli.Send;

/// <summary>
/// <c>switchyard send [--url URL] --key K --secret S (--file FILE | --sample N) [--users N] [--bulk] [--batch-size N]
/// [--concurrency N] [--seed N] [--environment development|production]</c>: batches to an input feed's Events API.
/// </summary>
internal static class SendCommand
{
    public static Command Create(CliTerminal terminal)
    {
        var url = ServiceUrl.Create();
        var key = new Option<string?>("--key") { Description = "The input feed's key (HTTP Basic user name); else SWITCHYARD_KEY." };
        var secret = new Option<string?>("--secret") { Description = "The input feed's secret; else SWITCHYARD_SECRET." };
        var file = new Option<FileInfo?>("--file") { Description = "Send the batches of this file: one JSON batch, a JSON array of batches, or NDJSON (one batch per line)." };
        var sample = new Option<int?>("--sample") { Description = "Send this many generated batches: custom events, screen views, now and then a purchase, user attributes." };
        var users = new Option<int>("--users") { Description = "How many users the generated batches are spread over (customer ids sample-0, sample-1, ...).", DefaultValueFactory = _ => 100 };
        var bulk = new Option<bool>("--bulk") { Description = "Send several batches per request to /v2/bulkevents instead of one per request to /v2/events." };
        var batchSize = new Option<int>("--batch-size") { Description = "With --bulk: batches per request, 1 to 100 (requests also stay under 256 KB).", DefaultValueFactory = _ => 100 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once, 1 to 64.", DefaultValueFactory = _ => 4 };
        var seed = new Option<int?>("--seed") { Description = "Seed of the generated batches: the same seed sends the same users, events and attributes. Random when not given (and printed)." };
        var environment = new Option<string>("--environment") { Description = "The environment the generated batches declare: development (the quickstart feed's) or production.", DefaultValueFactory = _ => "development" };

        var command = new Command("send", "Send batches from a file, or generated sample traffic, to an input feed's Events API, with progress and a summary.")
        {
            url, key, secret, file, sample, users, bulk, batchSize, concurrency, seed, environment,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var errors = new List<string>();
            var baseUri = ServiceUrl.Parse(result.GetRequiredValue(url), errors);
            var feedKey = ServiceUrl.Credential(result.GetValue(key), "--key", "SWITCHYARD_KEY", terminal, errors);
            var feedSecret = ServiceUrl.Credential(result.GetValue(secret), "--secret", "SWITCHYARD_SECRET", terminal, errors);
            var plan = new SendPlan(result.GetValue(file), result.GetValue(sample), result.GetValue(users), result.GetValue(bulk), result.GetValue(batchSize), result.GetValue(concurrency), result.GetValue(seed) ?? Random.Shared.Next(), result.GetRequiredValue(environment));
            errors.AddRange(plan.Check(result.GetResult(batchSize) is { Implicit: false }));
            if (errors.Count > 0)
            {
                return ServiceUrl.Usage(terminal, errors);
            }

            IReadOnlyList<OutgoingBatch>? fromFile = null;
            if (plan.File is { } path)
            {
                try
                {
                    fromFile = BatchFile.Read(path.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return ServiceUrl.Usage(terminal, [$"--file: cannot read '{path.FullName}': {e.Message}"]);
                }
                catch (BatchFileException e)
                {
                    return ServiceUrl.Usage(terminal, [$"--file {path.Name}: {e.Message}"]);
                }
            }

            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{feedKey}:{feedSecret}")));
            var batches = fromFile ?? new SampleTraffic(plan.Seed, plan.Users, plan.Environment, terminal.Time.GetUtcNow()).Take(plan.Sample!.Value);
            var total = fromFile?.Count ?? plan.Sample!.Value;
            return await new SendRun(terminal, plan, http).RunAsync(batches, total, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
