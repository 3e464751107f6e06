using System.Globalization;

namespace Switchyard.Core.Audiences;

/// <summary>
/// Refuses event criteria that ask for more history than the processor records, which would otherwise give silently
/// wrong answers. The processor keeps each event key's occurrences for the event retention and at most the latest
/// N of them (<c>ProcessingSettings</c>); only the all-time count (no window, no <c>where</c>) is unbounded. The
/// parser stays independent of those settings: the host calls this when an audience is defined (admin API,
/// workspace file), with the settings the processor runs with.
/// </summary>
public static class AudienceLimits
{
    /// <summary>
    /// The criteria of <paramref name="definition"/> that reach beyond what is recorded, with their JSON paths:
    /// a <c>within_days</c> longer than <paramref name="eventRetention"/>; a <c>between.from</c> whose first
    /// millisecond (00:00 UTC) is older than <paramref name="nowMs"/> − <paramref name="eventRetention"/>; and,
    /// where occurrences are counted (a window or <c>where</c>), a count that <paramref name="maxOccurrencesPerEventKey"/>
    /// occurrences cannot decide — <c>at_least</c> above the cap, or <c>exactly</c>, <c>at_most</c> or a
    /// <c>between</c> max at or above it (the cap's worth of occurrences is also what any larger number looks like).
    /// Pure: the same arguments give the same answer. Expects a definition that passes
    /// <see cref="AudienceDefinitionParser.Validate"/>; parts that do not are left to that.
    /// </summary>
    public static IReadOnlyList<AudienceValidationError> Check(
        AudienceDefinition definition, TimeSpan eventRetention, int maxOccurrencesPerEventKey, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventRetention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOccurrencesPerEventKey);

        // The same arithmetic as the recorder's cutoff (Processing/EventRecorder.cs): occurrences at or after
        // now − retention are kept.
        var retentionMs = (long)eventRetention.TotalMilliseconds;
        var errors = new List<AudienceValidationError>();
        foreach (var criterion in CriterionCompiler.Compile(definition).EventCriteria)
        {
            CheckWindow(criterion, retentionMs, nowMs, errors);
            if (criterion.ReadsOccurrences)
            {
                CheckCount(criterion, maxOccurrencesPerEventKey, errors);
            }
        }

        return errors;
    }

    private static void CheckWindow(CompiledEventCriterion criterion, long retentionMs, long nowMs, List<AudienceValidationError> errors)
    {
        var source = criterion.Source;
        if (source.WithinDays is { } days && days * EventWindow.DayMs > retentionMs)
        {
            errors.Add(new AudienceValidationError(
                criterion.Path + ".within_days",
                $"{days} days reach back further than the event occurrences the processor keeps ({Days(retentionMs)}, " +
                $"processing.eventRetentionDays); at most {retentionMs / EventWindow.DayMs}."));
        }

        // Both sides stay far from overflow: a date is within ±3×10^14 ms of the epoch, a TimeSpan below 10^15 ms.
        if (source.Between is { From: { } from } && criterion.Window.FromMs + retentionMs < nowMs)
        {
            errors.Add(new AudienceValidationError(
                criterion.Path + ".between.from",
                $"{from} starts before the event occurrences the processor keeps ({Days(retentionMs)} back from now, " +
                $"processing.eventRetentionDays); the earliest whole day kept is {EarliestWholeDay(nowMs - retentionMs)}."));
        }
    }

    private static void CheckCount(CompiledEventCriterion criterion, int cap, List<AudienceValidationError> errors)
    {
        var at = criterion.Path + ".count";
        var op = criterion.Source.Count?.Operator ?? "at_least";
        switch (criterion.CountOperator)
        {
            case CountOperator.AtLeast when criterion.Count > cap:
                // An absent count means at least 1: only a cap of 0 refuses it, and there is no count field to name.
                errors.Add(new AudienceValidationError(
                    criterion.Source.Count is null ? criterion.Path : at + ".value",
                    $"'at_least' {criterion.Count} can never be reached: the processor keeps only the latest {cap} " +
                    $"occurrences of each event; at most {cap}, or count all history (no window, no 'where')."));
                break;
            case CountOperator.Exactly or CountOperator.AtMost when criterion.Count >= cap:
                errors.Add(new AudienceValidationError(at + ".value", Undecidable($"'{op}' {criterion.Count}", cap)));
                break;
            case CountOperator.Between when criterion.Count > cap:
                errors.Add(new AudienceValidationError(
                    at + ".value",
                    $"'between' from {criterion.Count} can never be reached: the processor keeps only the latest {cap} " +
                    $"occurrences of each event; at most {cap}, or count all history (no window, no 'where')."));
                break;
            case CountOperator.Between when criterion.CountMax >= cap:
                errors.Add(new AudienceValidationError(at + ".max", Undecidable($"a 'between' max of {criterion.CountMax}", cap)));
                break;
        }
    }

    private static string Undecidable(string what, int cap) =>
        $"{what} cannot be told from more: the processor keeps only the latest {cap} occurrences of " +
        $"each event, so more look like {cap}; at most {Math.Max(cap - 1, 0)}, use 'at_least' for an open end, or " +
        "count all history (no window, no 'where').";

    private static DateOnly UnixEpoch => new(1970, 1, 1);

    private static string Days(long ms) =>
        (ms / (double)EventWindow.DayMs).ToString("0.###", CultureInfo.InvariantCulture) + " days";

    /// <summary>The first UTC day that starts at or after <paramref name="cutoffMs"/>, as yyyy-MM-dd.</summary>
    private static string EarliestWholeDay(long cutoffMs)
    {
        // Division truncates towards zero, which is the ceiling for negative times; the fix-up is for positive ones.
        var day = cutoffMs / EventWindow.DayMs;
        if (day * EventWindow.DayMs < cutoffMs)
        {
            day++;
        }

        var dayNumber = Math.Clamp(UnixEpoch.DayNumber + day, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber);
        return DateOnly.FromDayNumber((int)dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
