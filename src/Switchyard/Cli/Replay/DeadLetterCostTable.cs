using System.Globalization;
using Spectre.Console;

namespace Switchyard.Cli.Replay;

/// <summary>Dead letters in a table with the Braze data points each would cost to replay (<c>?</c> where the service cannot judge it), and the totals.</summary>
internal static class DeadLetterCostTable
{
    public static Table Of(IReadOnlyList<DeadLetterEntry> letters, string title)
    {
        var table = new Table { Title = new TableTitle(title) }.AddColumns("Id", "Output", "MPID", "Reason", "Attributes", "Events", "Purchases", "Data points");
        foreach (var letter in letters)
        {
            table.AddRow(
                Count(letter.Id), Markup.Escape(letter.Output), Markup.Escape(letter.Mpid), Markup.Escape(Shorten(letter.Reason)),
                Maybe(letter.Cost?.Attributes), Maybe(letter.Cost?.Events), Maybe(letter.Cost?.Purchases), Maybe(letter.Total));
        }

        var known = letters.Where(l => l.Total is not null).ToList();
        var unknown = letters.Count - known.Count;
        table.AddEmptyRow();
        table.AddRow(
            "", "", "", $"{letters.Count} dead letter(s){(unknown == 0 ? "" : $", {unknown} not estimated")}",
            Count(known.Sum(l => l.Cost!.Value.Attributes)), Count(known.Sum(l => l.Cost!.Value.Events)), Count(known.Sum(l => l.Cost!.Value.Purchases)), Count(known.Sum(l => l.Total!.Value)));
        return table;
    }

    private static string Shorten(string reason) => reason.Length <= 60 ? reason : reason[..57] + "...";

    private static string Maybe(int? value) => value is { } v ? Count(v) : "?";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
