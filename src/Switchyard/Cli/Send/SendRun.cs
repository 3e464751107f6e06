using System.Globalization;
using Spectre.Console;

namespace Switchyard.Cli.Send;

/// <summary>
/// One run of <c>send</c>: the requests go out <c>--concurrency</c> at a time while the progress bar counts batches;
/// then the summary table, and the first refusal on standard error. Ctrl+C stops sending new requests, lets none
/// half-finish unseen, and still prints the summary.
/// </summary>
internal sealed class SendRun(CliTerminal terminal, SendPlan plan, HttpClient http)
{
    private readonly SendTally _tally = new();

    public async Task<int> RunAsync(IEnumerable<OutgoingBatch> batches, int total, CancellationToken cancellationToken)
    {
        var sender = new EventsApiSender(http, plan.Bulk, _tally, terminal.Time);
        var started = terminal.Time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var credentialsRefused = false;
        var interrupted = false;
        try
        {
            await CliProgress.RunAsync(terminal, total, () => _tally.Sent, () => Describe(started), update =>
                Parallel.ForEachAsync(
                    BatchRequests.Group(batches, plan.Bulk, plan.BatchSize),
                    new ParallelOptions { MaxDegreeOfParallelism = plan.Concurrency, CancellationToken = stop.Token },
                    async (request, token) =>
                    {
                        if (!await sender.SendAsync(request, token).ConfigureAwait(false))
                        {
                            // Wrong key or secret: every other request would be refused the same way.
                            credentialsRefused = true;
                            await stop.CancelAsync().ConfigureAwait(false);
                        }

                        update();
                    })).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            interrupted = !credentialsRefused;
        }

        PrintSummary(total, started, interrupted);
        if (_tally.FirstRefusal is { } refusal)
        {
            terminal.Error.WriteLine("first refusal: " + refusal);
        }

        return interrupted ? CliExit.Interrupted : _tally.Refused > 0 || credentialsRefused ? CliExit.Refused : CliExit.Success;
    }

    private string Describe(long started) =>
        $"sent {_tally.Sent} · accepted {_tally.Accepted} · refused {_tally.Refused} · {EventsPerSecond(started):0} events/s";

    private double EventsPerSecond(long started)
    {
        var seconds = terminal.Time.GetElapsedTime(started).TotalSeconds;
        return seconds <= 0 ? 0 : _tally.Events / seconds;
    }

    private void PrintSummary(int total, long started, bool interrupted)
    {
        var table = new Table().AddColumns("Batches", "Count");
        table.AddRow("to send", Count(total));
        table.AddRow("sent", Count(_tally.Sent));
        table.AddRow("accepted", Count(_tally.Accepted));
        table.AddRow("refused", Count(_tally.Refused));
        table.AddRow("events accepted", Count(_tally.Events));
        table.AddRow("retries", Count(_tally.Retries));
        table.AddRow("events/s", EventsPerSecond(started).ToString("0", CultureInfo.InvariantCulture));
        table.AddRow("endpoint", Markup.Escape(new Uri(http.BaseAddress!, plan.Bulk ? "v2/bulkevents" : "v2/events").ToString()));
        if (plan.Sample is not null)
        {
            table.AddRow("seed", plan.Seed.ToString(CultureInfo.InvariantCulture));
        }

        if (interrupted)
        {
            table.Caption("stopped by Ctrl+C before every batch was sent");
        }

        terminal.Out.Write(table);
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
