using System.Globalization;
using System.Net;
using Spectre.Console;

namespace Switchyard.Cli.Replay;

/// <summary>
/// One run of <c>replay</c>: the dead letters are listed first (so ids that do not exist are named before anything is
/// replayed), then shown with their cost (<c>--dry-run</c>) or replayed one after another while the progress bar counts.
/// </summary>
internal sealed class ReplayRun(CliTerminal terminal, HttpClient http)
{
    private long _done;
    private long _replayed;
    private long _refused;
    private string? _firstRefusal;

    public async Task<int> RunAsync(string? output, IReadOnlyCollection<long> ids, bool dryRun, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeadLetterEntry> listed;
        try
        {
            listed = await DeadLetterListing.ReadAsync(http, output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AdminApiException or HttpRequestException)
        {
            await terminal.Error.WriteLineAsync("error: cannot list the dead letters: " + e.Message).ConfigureAwait(false);
            return CliExit.Refused;
        }

        var chosen = ids.Count == 0 ? listed : [.. listed.Where(l => ids.Contains(l.Id))];
        var missing = ids.Where(id => !listed.Any(l => l.Id == id)).ToList();
        foreach (var id in missing)
        {
            Refuse($"dead letter {id}: there is no such dead letter{(output is null ? "" : $" of output '{output}'")}");
        }

        if (dryRun)
        {
            terminal.Out.Write(DeadLetterCostTable.Of(chosen, "Would replay (dry run: nothing was sent)"));
            PrintFirstRefusal();
            return missing.Count > 0 ? CliExit.Refused : CliExit.Success;
        }

        var interrupted = false;
        try
        {
            await CliProgress.RunAsync(terminal, chosen.Count, () => Interlocked.Read(ref _done), Describe, async update =>
            {
                foreach (var letter in chosen)
                {
                    if (!await ReplayAsync(letter, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    update();
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            interrupted = true;
        }

        var table = DeadLetterCostTable.Of([.. chosen.Take((int)_done)], "Sent for replay");
        table.AddEmptyRow();
        table.AddRow("", "", "replayed", Count(_replayed), "", "", "", "");
        table.AddRow("", "", "refused", Count(_refused), "", "", "", "");
        if (interrupted)
        {
            table.Caption("stopped by Ctrl+C before every dead letter was replayed");
        }

        terminal.Out.Write(table);
        PrintFirstRefusal();
        return interrupted ? CliExit.Interrupted : _refused > 0 ? CliExit.Refused : CliExit.Success;
    }

    /// <returns>False when the admin API refused the token: every other replay would be refused too.</returns>
    private async Task<bool> ReplayAsync(DeadLetterEntry letter, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            string failure = "";
            try
            {
                response = await http.PostAsync($"admin/dead-letters/{letter.Id.ToString(CultureInfo.InvariantCulture)}/replay", null, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {http.Timeout.TotalSeconds:0} s";
            }

            using (response)
            {
                if (response is not null)
                {
                    var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
                    failure = $"HTTP {(int)response.StatusCode} {CliJson.OneLine(text)}".TrimEnd();
                    if (!RetryDelay.IsRetryable(response.StatusCode))
                    {
                        Interlocked.Increment(ref _done);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            Interlocked.Increment(ref _replayed);
                            return true;
                        }

                        Refuse($"dead letter {letter.Id}: {failure}");
                        return response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                    }
                }

                if (attempt == RetryDelay.MaxAttempts)
                {
                    Interlocked.Increment(ref _done);
                    Refuse($"dead letter {letter.Id}: gave up after {attempt} attempts; last answer: {failure}");
                    return true;
                }

                await Task.Delay(RetryDelay.After(attempt, response?.Headers.RetryAfter, terminal.Time.GetUtcNow()), terminal.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Refuse(string reason)
    {
        Interlocked.Increment(ref _refused);
        Interlocked.CompareExchange(ref _firstRefusal, reason, null);
    }

    private void PrintFirstRefusal()
    {
        if (_firstRefusal is { } refusal)
        {
            terminal.Error.WriteLine("first refusal: " + refusal);
        }
    }

    private string Describe() => $"replayed {Interlocked.Read(ref _replayed)} · refused {Interlocked.Read(ref _refused)}";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
