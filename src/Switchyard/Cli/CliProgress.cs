using Spectre.Console;

namespace Switchyard.Cli;

/// <summary>
/// A progress bar for work counted in items, drawn only on an interactive terminal; with output redirected (a pipe,
/// a file, CI) the work runs without it and only the summary that follows is printed.
/// </summary>
internal static class CliProgress
{
    /// <param name="work">Runs the work; calls the action it is given whenever the counts changed.</param>
    public static async Task RunAsync(CliTerminal terminal, long total, Func<long> done, Func<string> describe, Func<Action, Task> work)
    {
        if (!terminal.Animate)
        {
            await work(() => { }).ConfigureAwait(false);
            return;
        }

        await terminal.Out.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(describe()), maxValue: Math.Max(total, 1));
                void Update()
                {
                    task.Value = done();
                    task.Description = Markup.Escape(describe());
                }

                try
                {
                    await work(Update).ConfigureAwait(false);
                }
                finally
                {
                    Update();
                    task.StopTask();
                }
            }).ConfigureAwait(false);
    }
}
