using System.Globalization;

namespace Switchyard.Core.Audiences;

/// <summary>An event criterion's time window: a rolling number of days or a range of whole UTC days.</summary>
internal sealed partial class CriterionCompiler
{
    public const int MaxWithinDays = 3650;

    private EventWindow Window(Criterion c, string path, ref bool ok)
    {
        if (c.WithinDays is not null && c.Between is not null)
        {
            Error(path, "sets both 'within_days' and 'between'; choose one.");
            ok = false;
            return EventWindow.AllTime;
        }

        if (c.WithinDays is { } days)
        {
            if (days is < 1 or > MaxWithinDays)
            {
                Error(path + ".within_days", $"must be 1 to {MaxWithinDays}.");
                ok = false;
                return EventWindow.AllTime;
            }

            UsesRollingWindow = true;
            return EventWindow.Rolling(days);
        }

        if (c.Between is { } range)
        {
            var from = Day(range.From, path + ".between.from", ref ok);
            var to = Day(range.To, path + ".between.to", ref ok);
            if (!ok)
            {
                return EventWindow.AllTime;
            }

            if (from > to)
            {
                Error(path + ".between", $"from ({range.From}) is after to ({range.To}).");
                ok = false;
                return EventWindow.AllTime;
            }

            var window = EventWindow.Dates(from, to);
            LatestRangeEndMs = Math.Max(LatestRangeEndMs ?? long.MinValue, window.ToExclusiveMs);
            return window;
        }

        return EventWindow.AllTime;
    }

    private DateOnly Day(string? text, string path, ref bool ok)
    {
        if (text is null)
        {
            Error(path, "is required (yyyy-MM-dd, UTC).");
            ok = false;
            return default;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Error(path, $"'{Clip(text)}' is not a date (yyyy-MM-dd, UTC).");
            ok = false;
        }

        return day;
    }
}
